package dev.faasjvm.runtime.accounting;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one function (all its generations and replicas) has used: CPU time of the workers while
 * they work for it (and of its calls run on other threads), heap allocation of its calls, and how often it tried to
 * end the JVM. Counters only grow, across updates of the function, until it is deleted. Thread-safe.
 */
public final class FunctionAccount {
    /** A reading of usage.cpu younger than this is answered again rather than measured over a blip. */
    static final long MIN_RATE_WINDOW_NANOS = 1_000_000_000L;

    private final String name;
    private final String namespace;
    private final LongAdder cpuNanos = new LongAdder();
    private final LongAdder allocatedBytes = new LongAdder();
    private final LongAdder exitAttempts = new LongAdder();
    private long lastCpuNanos; // guarded by this: what cpuNanos() last answered, so it never goes back
    // Guarded by this: the last usage.cpu reading, for "the increase since the last measurement".
    private long sampledAtNanos;
    private long sampledCpuNanos;
    private double lastMillicores;
    private boolean measured; // guarded by this: whether any reading was measured yet

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

    /** Credits the CPU time of a worker's turn for this function as the turn ends. */
    void turnEnded(long cpu) {
        if (cpu > 0) {
            cpuNanos.add(cpu);
        }
    }

    /**
     * Adds one call's use, as measured on the thread that ran it: {@code cpu} only for a call on
     * a thread that is not one of the function's own {@link AccountedThread}s.
     */
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

    /** CPU time used so far: ended threads' and calls' as credited, live threads' read from their clocks now. */
    public synchronized long cpuNanos() {
        long total = cpuNanos.sum() + AccountedThread.liveCpuNanos(this);
        // A turn that ends between the two reads is briefly counted twice or not at all; never go back.
        lastCpuNanos = Math.max(lastCpuNanos, total);
        return lastCpuNanos;
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
     * The first reading covers the time since the function was created, however short; later
     * readings less than a second after the previous one answer its figure again.
     */
    public synchronized double cpuMillicores(long nowNanos) {
        long elapsed = nowNanos - sampledAtNanos;
        if (elapsed <= 0 || measured && elapsed < MIN_RATE_WINDOW_NANOS) {
            return lastMillicores;
        }
        measured = true;
        long cpu = cpuNanos();
        lastMillicores = (cpu - sampledCpuNanos) * 1000.0 / elapsed;
        sampledAtNanos = nowNanos;
        sampledCpuNanos = cpu;
        return lastMillicores;
    }
}
