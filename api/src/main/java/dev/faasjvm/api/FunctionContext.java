package dev.faasjvm.api;

import java.util.Map;
import java.util.Optional;

/**
 * What a function knows about itself: its name, namespace and replica, the environment variables
 * of its deployment, and the secrets its deployment lists.
 *
 * <p>A context belongs to one replica and does not change while the replica lives: a new
 * deployment spec (an update) creates new replicas with a new context. It is safe to use from any
 * thread.
 */
public interface FunctionContext {

    /**
     * The function's name, as deployed (OpenFaaS {@code service}).
     *
     * @return the name, never empty
     */
    String functionName();

    /**
     * The namespace the function is deployed in, {@code openfaas-fn} unless the deployment named
     * another.
     *
     * @return the namespace, never empty
     */
    String namespace();

    /**
     * The identifier of the replica this context belongs to, unique among the function's live
     * replicas; it appears as the {@code instance} of the function's log lines.
     *
     * @return the replica identifier, never empty
     */
    String replicaId();

    /**
     * The environment variables of the deployment (OpenFaaS {@code envVars}), not the process
     * environment of the runtime.
     *
     * @return an unmodifiable map, empty when the deployment set none
     */
    Map<String, String> env();

    /**
     * One environment variable of the deployment.
     *
     * @param name the variable's name, case-sensitive
     * @return its value, or empty when the deployment does not set it
     * @throws NullPointerException if {@code name} is {@code null}
     */
    Optional<String> env(String name);

    /**
     * A secret listed in the deployment's {@code secrets}, decoded as UTF-8.
     *
     * <p>Only secrets the deployment lists are visible. Their values are read when the replica is
     * created: a secret changed later reaches the function when it is next updated, as in OpenFaaS.
     *
     * @param name the secret's name
     * @return the value, or empty when the deployment does not list a secret of that name
     * @throws NullPointerException if {@code name} is {@code null}
     */
    Optional<String> secret(String name);

    /**
     * A secret listed in the deployment's {@code secrets}, as raw bytes.
     *
     * @param name the secret's name
     * @return a new copy of the value, or empty when the deployment does not list a secret of
     *     that name
     * @throws NullPointerException if {@code name} is {@code null}
     */
    Optional<byte[]> secretBytes(String name);
}
