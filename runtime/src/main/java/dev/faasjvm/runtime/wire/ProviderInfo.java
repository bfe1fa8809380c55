package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * faas-provider {@code types.ProviderInfo}: the body of {@code GET /system/info}. The Go field
 * {@code Name} is written as {@code provider}; {@code version} has no {@code omitempty}, so a
 * {@code null} version is written as {@code "version":null}. Immutable.
 */
public record ProviderInfo(
        @JsonProperty("provider") String name,
        @JsonProperty("version") VersionInfo version,
        @JsonProperty("orchestration") String orchestration) {

    public ProviderInfo {
        name = ZeroValues.string(name);
        orchestration = ZeroValues.string(orchestration);
    }
}
