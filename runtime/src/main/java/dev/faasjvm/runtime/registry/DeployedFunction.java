package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.time.Instant;

/**
 * A registered function: the spec a client deployed, when it was first deployed, the generation
 * now serving it, and the replica count a client last asked for (the one stored). Replaced as a
 * whole on update and scale, so readers see one consistent value.
 *
 * @param spec the deployment as the client sent it (namespace defaulted)
 * @param createdAt when the function was first deployed; kept across updates
 * @param generation the generation serving calls
 * @param replicas the replica count stored for it: set by deploy, update and scale requests, not by
 *     idle scale-to-zero nor by a call scaling it back from zero
 */
record DeployedFunction(FunctionDeployment spec, Instant createdAt, Generation generation, int replicas) {

    /** The same function with a new stored replica count. */
    DeployedFunction withReplicas(int count) {
        return new DeployedFunction(spec, createdAt, generation, count);
    }
}
