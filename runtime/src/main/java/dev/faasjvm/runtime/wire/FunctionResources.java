package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * faas-provider {@code types.FunctionResources}: the {@code limits} or {@code requests} of a function,
 * as Kubernetes quantity strings ({@code 128M}, {@code 100m}) echoed verbatim. Every field is
 * {@code omitempty}. Immutable.
 */
public record FunctionResources(
        @JsonProperty("memory") @JsonInclude(Include.NON_EMPTY) String memory,
        @JsonProperty("cpu") @JsonInclude(Include.NON_EMPTY) String cpu,
        @JsonProperty("nvidia.com/gpu") @JsonInclude(Include.NON_EMPTY) String nvidiaGpu,
        @JsonProperty("amd.com/gpu") @JsonInclude(Include.NON_EMPTY) String amdGpu,
        @JsonProperty("intel.com/gpu") @JsonInclude(Include.NON_EMPTY) String intelGpu) {

    public FunctionResources {
        memory = ZeroValues.string(memory);
        cpu = ZeroValues.string(cpu);
        nvidiaGpu = ZeroValues.string(nvidiaGpu);
        amdGpu = ZeroValues.string(amdGpu);
        intelGpu = ZeroValues.string(intelGpu);
    }

    /** Resources with only memory and CPU set, the two the OpenFaaS certifier checks. */
    public static FunctionResources of(String memory, String cpu) {
        return new FunctionResources(memory, cpu, "", "", "");
    }
}
