package dev.faasjvm.runtime.backend;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code GET /system/logs} asks for, after faas-provider's {@code logs.Request}, built from the
 * query parameters.
 *
 * @param name the function's name
 * @param namespace its namespace, already defaulted
 * @param instance only lines of this replica, or empty for all
 * @param since only lines at or after this time; {@link Instant#MIN} for all
 * @param tail at most this many of the buffered lines, the newest; 0 or less for all
 * @param follow whether to keep streaming new lines after the buffered ones
 */
public record LogRequest(String name, String namespace, String instance, Instant since, int tail, boolean follow) {
    public LogRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(since, "since");
    }
}
