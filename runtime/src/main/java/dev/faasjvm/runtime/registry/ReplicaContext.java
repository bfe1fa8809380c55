package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link FunctionContext} of one replica. Immutable.
 *
 * @param functionName the function's name
 * @param namespace its namespace
 * @param replicaId the replica's identifier, e.g. {@code echo-1-2} (function, generation, replica)
 * @param env the deployment's environment variables
 * @param secrets the values of the secrets the deployment lists, by name
 */
record ReplicaContext(String functionName, String namespace, String replicaId, Map<String, String> env,
        Map<String, byte[]> secrets) implements FunctionContext {

    ReplicaContext {
        env = Map.copyOf(env);
        secrets = Map.copyOf(secrets);
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(Objects.requireNonNull(name, "name")));
    }

    @Override
    public Optional<String> secret(String name) {
        return secretBytes(name).map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public Optional<byte[]> secretBytes(String name) {
        byte[] value = secrets.get(Objects.requireNonNull(name, "name"));
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /** Secrets stay out of logs and test failure messages. */
    @Override
    public String toString() {
        return "ReplicaContext[" + functionName + "." + namespace + ", replica=" + replicaId
                + ", env=" + env.keySet() + ", secrets=" + secrets.keySet() + "]";
    }
}
