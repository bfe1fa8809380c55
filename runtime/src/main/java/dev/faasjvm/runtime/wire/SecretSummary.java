package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One item of {@code GET /system/secrets}: a faas-provider {@code types.Secret} with only
 * {@code name} and {@code namespace} set, so that a list response can never carry a value.
 * {@code namespace} is {@code omitempty}. Immutable.
 */
public record SecretSummary(
        @JsonProperty("name") String name,
        @JsonProperty("namespace") @JsonInclude(Include.NON_EMPTY) String namespace) {

    public SecretSummary {
        name = ZeroValues.string(name);
        namespace = ZeroValues.string(namespace);
    }

    /** The name and namespace of a secret, without its value. */
    public static SecretSummary from(Secret secret) {
        Objects.requireNonNull(secret, "secret");
        return new SecretSummary(secret.name(), secret.namespace());
    }
}
