package dev.faasjvm.runtime.artifact;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How artifacts are fetched and cached, read once at start.
 *
 * @param cacheDir where downloaded (and unpacked) artifacts are kept, under the state directory
 * @param maxCacheBytes the total size the cache may keep; artifacts in use are kept regardless
 * @param maxArtifactBytes the largest artifact downloaded, and the most a zip of JARs may unpack to
 * @param connectTimeout how long connecting to an artifact's server may take
 * @param readTimeout how long to wait for the server's answer, and then for each next part of the body
 */
public record ArtifactConfig(Path cacheDir, long maxCacheBytes, long maxArtifactBytes, Duration connectTimeout,
        Duration readTimeout) {

    public ArtifactConfig {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxCacheBytes < 0) {
            throw new IllegalArgumentException("maxCacheBytes must not be negative, not " + maxCacheBytes);
        }
        if (maxArtifactBytes < 1) {
            throw new IllegalArgumentException("maxArtifactBytes must be at least 1, not " + maxArtifactBytes);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("artifact timeouts must be positive, not " + connectTimeout + " and "
                    + readTimeout);
        }
    }
}
