package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.time.Instant;

/**
 * A registered function: the spec a client deployed, when it was first deployed, and the
 * generation now serving it. Replaced as a whole on update, so readers see one consistent triple.
 *
 * @param spec the deployment as the client sent it (namespace defaulted)
 * @param createdAt when the function was first deployed; kept across updates
 * @param generation the generation serving calls
 */
record DeployedFunction(FunctionDeployment spec, Instant createdAt, Generation generation) {
}
