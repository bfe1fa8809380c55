package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.time.Instant;
import java.util.Objects;

/**
 * What the runtime keeps of one function so that it comes back after a restart: the spec as the
 * client sent it (namespace filled in), the replica count it should run with, and when it was
 * first deployed. Immutable.
 *
 * @param spec the deployment, its {@code namespace} never empty
 * @param replicas the desired replica count, at least 0
 * @param createdAt when the function was first deployed; kept across updates and restarts
 */
public record StoredDeployment(FunctionDeployment spec, int replicas, Instant createdAt) {
    public StoredDeployment {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(createdAt, "createdAt");
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
