package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * faas-provider {@code types.FunctionNamespace}: the body and result of the
 * {@code /system/namespace/{name}} routes ({@code GET /system/namespaces} itself returns plain
 * strings). {@code labels} and {@code annotations} are {@code omitempty}; they are written in the Go
 * struct's order, annotations first. Immutable.
 */
@JsonPropertyOrder({"name", "annotations", "labels"})
public record FunctionNamespace(
        @JsonProperty("name") String name,
        @JsonProperty("labels") @JsonInclude(Include.NON_EMPTY) Map<String, String> labels,
        @JsonProperty("annotations") @JsonInclude(Include.NON_EMPTY) Map<String, String> annotations) {

    public FunctionNamespace {
        name = ZeroValues.string(name);
        labels = ZeroValues.map(labels);
        annotations = ZeroValues.map(annotations);
    }
}
