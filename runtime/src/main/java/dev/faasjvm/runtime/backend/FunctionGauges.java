package dev.faasjvm.runtime.backend;

import java.util.Objects;

/**
 * What one function is doing right now, read when metrics are scraped rather than recorded per
 * call, so that exposing it costs the invocation path nothing.
 *
 * @param name the function's name
 * @param namespace its namespace
 * @param replicas the desired number of replicas
 * @param availableReplicas the replicas that can take a call now
 * @param inFlight calls running now
 * @param stuckWorkers worker threads that ignored the interrupt after their call's timeout and
 *     are still running it
 * @param leakedLoaders retired class loaders that survived garbage collection (0 until the runtime
 *     tracks them, issue 4)
 */
public record FunctionGauges(String name, String namespace, long replicas, long availableReplicas, long inFlight,
        long stuckWorkers, long leakedLoaders) {
    public FunctionGauges {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }
}
