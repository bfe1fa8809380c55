package dev.faasjvm.runtime.unload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the live threads that belong to a function (its context class loader is the function's
 * loader, or the thread's own class comes from it), interrupts them, and waits a bounded time for
 * them to end. Stateless and thread-safe; never touches the calling thread.
 */
public final class FunctionThreads {
    /**
     * What became of a function's threads.
     *
     * @param interrupted the names of the threads found and interrupted
     * @param survivors the names of those still alive when the wait ended
     */
    public record Outcome(List<String> interrupted, List<String> survivors) {
        public Outcome {
            interrupted = List.copyOf(interrupted);
            survivors = List.copyOf(survivors);
        }
    }

    private FunctionThreads() {
    }

    /** Interrupts every thread of {@code loader}'s function and waits up to {@code wait} for them to end. */
    public static Outcome stop(ClassLoader loader, Duration wait) {
        List<Thread> found = of(loader);
        found.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> survivors = new ArrayList<>();
        for (Thread thread : found) {
            if (!awaitEnd(thread, deadline)) {
                survivors.add(thread.getName());
            }
        }
        return new Outcome(found.stream().map(Thread::getName).toList(), survivors);
    }

    /** The live threads, other than the caller, whose context loader or class is {@code loader}. */
    static List<Thread> of(ClassLoader loader) {
        List<Thread> found = new ArrayList<>();
        Thread self = Thread.currentThread();
        for (Thread thread : all()) {
            if (thread != null && thread != self && thread.isAlive()
                    && (thread.getContextClassLoader() == loader || thread.getClass().getClassLoader() == loader)) {
                found.add(thread);
            }
        }
        return found;
    }

    private static Thread[] all() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int count = root.enumerate(threads, true);
        return count < threads.length ? threads : all();
    }

    private static boolean awaitEnd(Thread thread, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
