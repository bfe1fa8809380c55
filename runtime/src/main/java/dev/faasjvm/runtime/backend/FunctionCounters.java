package dev.faasjvm.runtime.backend;

import java.util.Objects;

/**
 * What one function has used since it was deployed, summed over its generations and replicas,
 * read when metrics are scraped. Each figure only grows until the function is deleted.
 *
 * @param name the function's name
 * @param namespace its namespace
 * @param cpuSeconds CPU time its calls used, on the threads that ran them
 * @param allocatedBytes heap bytes its calls allocated, on the threads that ran them
 * @param exitAttempts times its code called {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}
 */
public record FunctionCounters(String name, String namespace, double cpuSeconds, long allocatedBytes,
        long exitAttempts) {
    public FunctionCounters {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }
}
