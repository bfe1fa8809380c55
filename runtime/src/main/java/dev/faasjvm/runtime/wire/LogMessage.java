package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * faas-provider {@code logs.Message}: one line of the NDJSON stream of {@code GET /system/logs}.
 * Nothing is {@code omitempty}: every key is always written, {@code timestamp} as RFC 3339 with
 * nanoseconds, {@code text} verbatim (it may keep its trailing newline). A missing timestamp is
 * Go's zero time. Immutable.
 */
public record LogMessage(
        @JsonProperty("name") String name,
        @JsonProperty("namespace") String namespace,
        @JsonProperty("instance") String instance,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("text") String text) {

    public LogMessage {
        name = ZeroValues.string(name);
        namespace = ZeroValues.string(namespace);
        instance = ZeroValues.string(instance);
        timestamp = ZeroValues.time(timestamp);
        text = ZeroValues.string(text);
    }
}
