package dev.faasjvm.runtime.accounting;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one function (all its generations and replicas) has used: CPU time and heap allocation of
 * its calls, and how often it tried to end the JVM. Counters only grow, across updates of the
 * function, until it is deleted. Adding costs two uncontended adders. Thread-safe.
 */
public final class FunctionAccount {
    /** A reading of usage.cpu younger than this is answered again rather than measured over a blip. */
    static final long MIN_RATE_WINDOW_NANOS = 1_000_000_000L;

    private final String name;
    private final String namespace;
    private final LongAdder cpuNanos = new LongAdder();
    private final LongAdder allocatedBytes = new LongAdder();
    private final LongAdder exitAttempts = new LongAdder();
    // Guarded by this: the last usage.cpu reading, for "the increase since the last measurement".
    private long sampledAtNanos;
    private long sampledCpuNanos;
    private double lastMillicores;

    FunctionAccount(String name, String namespace, long createdNanos) {
        this.name = name;
        this.namespace = namespace;
        this.sampledAtNanos = createdNanos;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    /** Adds one call's use, as measured on the thread that ran it. */
    public void add(long cpu, long allocated) {
        if (cpu > 0) {
            cpuNanos.add(cpu);
        }
        if (allocated > 0) {
            allocatedBytes.add(allocated);
        }
    }

    /** Counts an attempt of the function to end the JVM ({@code System.exit}, {@code Runtime.halt}...). */
    public void exitAttempted() {
        exitAttempts.increment();
    }

    public long cpuNanos() {
        return cpuNanos.sum();
    }

    public long allocatedBytes() {
        return allocatedBytes.sum();
    }

    public long exitAttempts() {
        return exitAttempts.sum();
    }

    /**
     * faas-provider's {@code usage.cpu}: the CPU the function used since the previous reading,
     * as millicores (1000 = one core busy all the time), as Kubernetes and OpenFaaS Pro report it.
     * Readings less than a second apart answer the previous figure again.
     */
    public synchronized double cpuMillicores(long nowNanos) {
        long elapsed = nowNanos - sampledAtNanos;
        if (elapsed < MIN_RATE_WINDOW_NANOS) {
            return lastMillicores;
        }
        long cpu = cpuNanos.sum();
        lastMillicores = (cpu - sampledCpuNanos) * 1000.0 / elapsed;
        sampledAtNanos = nowNanos;
        sampledCpuNanos = cpu;
        return lastMillicores;
    }
}
