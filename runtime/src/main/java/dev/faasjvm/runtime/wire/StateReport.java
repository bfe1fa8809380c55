package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * faas-jvm's own type (no faas-provider counterpart): the body of {@code GET /system/state}, what
 * the runtime restored from its state at start and what it could not. Immutable.
 *
 * @param store where the state is kept, e.g. {@code files in /srv/faas-jvm/deployments}
 * @param restored how many functions were restored at start
 * @param restoreMillis how long reading the state and restoring them took
 * @param problems the entries that could not be restored, each with its reason; they stay where they are
 */
public record StateReport(
        @JsonProperty("store") String store,
        @JsonProperty("restored") int restored,
        @JsonProperty("restoreMillis") long restoreMillis,
        @JsonProperty("problems") List<StateProblem> problems) {

    public StateReport {
        store = ZeroValues.string(store);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The report of a runtime that kept no state or has not restored yet. */
    public static StateReport none(String store) {
        return new StateReport(store, 0, 0, List.of());
    }
}
