package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * faas-jvm's own type (no faas-provider counterpart): one state entry that could not be restored,
 * named by its file (relative to the state directory) with the reason. Immutable.
 *
 * @param entry the entry, e.g. {@code deployments/openfaas-fn/echo.json}
 * @param reason why it could not be restored, in a sentence
 */
public record StateProblem(@JsonProperty("entry") String entry, @JsonProperty("reason") String reason) {
    public StateProblem {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return entry + ": " + reason;
    }
}
