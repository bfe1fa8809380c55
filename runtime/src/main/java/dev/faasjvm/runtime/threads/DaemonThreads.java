package dev.faasjvm.runtime.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the runtime's own background work (timers, pollers, log pumps): daemon
 * threads, so none of them keeps the JVM alive after {@code main} and the shutdown hook are done,
 * each named after its job so that a thread dump says what it is.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Daemon threads all called {@code name}: for a pool of one, or threads that need no told-apart names. */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** Daemon threads called {@code prefix-1}, {@code prefix-2}, and so on, in the order they start. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> daemon(task, prefix + "-" + count.incrementAndGet());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
