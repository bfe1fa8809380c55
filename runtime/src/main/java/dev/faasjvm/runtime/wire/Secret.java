package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * faas-provider {@code types.Secret}: the body of {@code POST} and {@code PUT /system/secrets}. The
 * value comes as text in {@code value} or as bytes in {@code rawValue} (standard base64 with padding
 * on the wire); see {@link #effectiveValue()}. Only {@code name} is always written. {@link #toString()}
 * never shows the value; list responses use {@link SecretSummary} instead. Immutable: the byte array
 * is copied in and out.
 */
public record Secret(
        @JsonProperty("name") String name,
        @JsonProperty("namespace") @JsonInclude(Include.NON_EMPTY) String namespace,
        @JsonProperty("value") @JsonInclude(Include.NON_EMPTY) String value,
        @JsonProperty("rawValue") @JsonInclude(Include.NON_EMPTY) byte[] rawValue) {

    public Secret {
        name = ZeroValues.string(name);
        namespace = ZeroValues.string(namespace);
        value = ZeroValues.string(value);
        rawValue = rawValue == null ? new byte[0] : rawValue.clone();
    }

    /** A copy of the raw bytes; empty when the secret was given as text. */
    @Override
    @JsonProperty("rawValue")
    @JsonInclude(Include.NON_EMPTY)
    public byte[] rawValue() {
        return rawValue.clone();
    }

    /** The secret's bytes: {@code rawValue} if it is non-empty, otherwise {@code value} in UTF-8. */
    public byte[] effectiveValue() {
        return rawValue.length > 0 ? rawValue.clone() : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that
                && name.equals(that.name)
                && namespace.equals(that.namespace)
                && value.equals(that.value)
                && Arrays.equals(rawValue, that.rawValue);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(name, namespace, value) + Arrays.hashCode(rawValue);
    }

    /** Names the secret without its value, so that logging a secret never leaks it. */
    @Override
    public String toString() {
        return "Secret[name=" + name + ", namespace=" + namespace + ", value=(hidden)]";
    }
}
