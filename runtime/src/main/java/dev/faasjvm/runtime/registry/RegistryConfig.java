package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.wire.ProviderInfo;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the JVM back-end, read once at start.
 *
 * @param concurrency calls one replica runs at once when the function sets no {@code max_inflight}
 * @param drainTimeout how long a retiring generation's calls may run before it closes anyway
 * @param info what {@code GET /system/info} answers
 */
public record RegistryConfig(int concurrency, Duration drainTimeout, ProviderInfo info) {
    public RegistryConfig {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(info, "info");
    }
}
