package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.artifact.ArtifactConfig;
import dev.faasjvm.runtime.wire.ProviderInfo;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the JVM back-end, read once at start.
 *
 * @param concurrency calls one replica runs at once when the function sets no {@code max_inflight}
 * @param drainTimeout how long a retiring generation's calls may run before it closes anyway
 * @param info what {@code GET /system/info} answers
 * @param artifacts how images are fetched and cached
 */
public record RegistryConfig(int concurrency, Duration drainTimeout, ProviderInfo info, ArtifactConfig artifacts) {
    public RegistryConfig {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(artifacts, "artifacts");
    }
}
