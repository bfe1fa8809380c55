package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.time.Instant;
import java.util.Objects;

/**
 * What the runtime keeps of one function so that it comes back after a restart: the spec as the
 * client sent it (namespace filled in), the replica count it should run with, when it was first
 * deployed, and which bytes it ran from when they came through the artifact cache. Immutable.
 *
 * @param spec the deployment, its {@code namespace} never empty
 * @param replicas the desired replica count, at least 0
 * @param createdAt when the function was first deployed; kept across updates and restarts
 * @param artifactSha256 the SHA-256 of the cached artifact it ran from (a download or an unpacked
 *     zip), so a restart can use the cached copy when the image's server is down; empty for a JAR
 *     used in place
 */
public record StoredDeployment(FunctionDeployment spec, int replicas, Instant createdAt, String artifactSha256) {
    public StoredDeployment {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(createdAt, "createdAt");
        artifactSha256 = artifactSha256 == null ? "" : artifactSha256;
        if (spec.namespace().isEmpty()) {
            throw new IllegalArgumentException("A stored deployment names its namespace: " + spec.service());
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("Replicas must not be negative, not " + replicas);
        }
    }

    public String name() {
        return spec.service();
    }

    public String namespace() {
        return spec.namespace();
    }
}
