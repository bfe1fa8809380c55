package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * faas-provider {@code types.FunctionUsage}: resource use summed over all replicas of a function
 * ({@code cpu} is the increase since the last measurement). Both fields are {@code omitempty}.
 * Immutable.
 */
public record FunctionUsage(
        @JsonProperty("cpu") @JsonInclude(Include.NON_DEFAULT) double cpu,
        @JsonProperty("totalMemoryBytes") @JsonInclude(Include.NON_DEFAULT) double totalMemoryBytes) {
}
