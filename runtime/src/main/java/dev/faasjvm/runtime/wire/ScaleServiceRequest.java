package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * faas-provider {@code types.ScaleServiceRequest}: the body of {@code POST
 * /system/scale-function/{name}}. {@code replicas} is a Go {@code uint64}, so a negative count is
 * rejected while reading; {@code null} or a missing count is 0. Only {@code namespace} is
 * {@code omitempty}. Immutable.
 */
public record ScaleServiceRequest(
        @JsonProperty("serviceName") String serviceName,
        @JsonProperty("replicas") @JsonDeserialize(using = GoNumbers.Uint64Deserializer.class)
                long replicas,
        @JsonProperty("namespace") @JsonInclude(Include.NON_EMPTY) String namespace) {

    /**
     * Normalises absent strings to {@code ""}.
     *
     * @throws IllegalArgumentException if {@code replicas} is negative
     */
    public ScaleServiceRequest {
        serviceName = ZeroValues.string(serviceName);
        ZeroValues.uint64(replicas, "replicas");
        namespace = ZeroValues.string(namespace);
    }
}
