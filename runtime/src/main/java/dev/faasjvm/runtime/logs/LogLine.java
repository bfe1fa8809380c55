package dev.faasjvm.runtime.logs;

import java.time.Instant;
import java.util.Objects;

/**
 * One line a function printed, without its line terminator.
 *
 * @param timestamp when the line was complete
 * @param instance the replica that printed it
 * @param text the line
 */
record LogLine(Instant timestamp, String instance, String text) {
    LogLine {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(text, "text");
    }
}
