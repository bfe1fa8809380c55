package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * faas-provider {@code types.DeleteFunctionRequest}: the body of {@code DELETE /system/functions}.
 * The namespace may instead arrive in the query string, depending on the client. Only
 * {@code namespace} is {@code omitempty}. Immutable.
 */
public record DeleteFunctionRequest(
        @JsonProperty("functionName") String functionName,
        @JsonProperty("namespace") @JsonInclude(Include.NON_EMPTY) String namespace) {

    public DeleteFunctionRequest {
        functionName = ZeroValues.string(functionName);
        namespace = ZeroValues.string(namespace);
    }
}
