package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * faas-provider {@code types.VersionInfo}, the {@code version} of {@link ProviderInfo}: the build's
 * commit and release. Only {@code commit_message} (snake case, as in Go) is {@code omitempty}.
 * Immutable.
 */
public record VersionInfo(
        @JsonProperty("commit_message") @JsonInclude(Include.NON_EMPTY) String commitMessage,
        @JsonProperty("sha") String sha,
        @JsonProperty("release") String release) {

    public VersionInfo {
        commitMessage = ZeroValues.string(commitMessage);
        sha = ZeroValues.string(sha);
        release = ZeroValues.string(release);
    }
}
