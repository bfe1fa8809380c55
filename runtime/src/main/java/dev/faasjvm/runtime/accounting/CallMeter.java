package dev.faasjvm.runtime.accounting;

import java.lang.management.ManagementFactory;

/**
 * Reads what the current thread has used so far: CPU time and bytes allocated, from the JVM's
 * {@code ThreadMXBean}. Both are counters of the thread itself, so a call is measured by reading
 * them before and after it on the thread that runs it, whichever thread that is. Reads answer 0
 * where the JVM cannot measure (then every call counts 0, never a wrong figure). Thread-safe.
 */
public final class CallMeter {
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final boolean CPU = THREADS != null && THREADS.isCurrentThreadCpuTimeSupported()
            && enableCpu();
    private static final boolean ALLOCATION = THREADS != null && THREADS.isThreadAllocatedMemorySupported()
            && enableAllocation();

    private CallMeter() {
    }

    /** CPU time the current thread has used, in nanoseconds (user and system). */
    public static long cpuNanos() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** CPU time another live thread has used, in nanoseconds; negative if it has ended. */
    public static long threadCpuNanos(long threadId) {
        return CPU ? THREADS.getThreadCpuTime(threadId) : -1;
    }

    /** Bytes the current thread has allocated on the heap since it started. */
    public static long allocatedBytes() {
        return ALLOCATION ? THREADS.getCurrentThreadAllocatedBytes() : 0;
    }

    /** Whether this JVM measures threads' CPU time. */
    public static boolean measuresCpu() {
        return CPU;
    }

    /** Whether this JVM measures threads' allocations. */
    public static boolean measuresAllocation() {
        return ALLOCATION;
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean instanceof com.sun.management.ThreadMXBean ? (com.sun.management.ThreadMXBean) bean : null;
    }

    private static boolean enableCpu() {
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        return true;
    }

    private static boolean enableAllocation() {
        if (!THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
        return true;
    }
}
