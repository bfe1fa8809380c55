package dev.faasjvm.runtime.accounting;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread whose CPU time is counted, in turns, to the function it works for: a worker that runs
 * one function's calls, then perhaps another's. Its whole CPU time is the functions', split where
 * it {@link #switchTo switches} from one to the next, so a switch reads the thread's own clock
 * once; while it keeps working for one function nothing is read at all, and the account reads the
 * thread's clock when the account itself is read. Reading a thread's CPU clock is a system call
 * (close to a microsecond on a virtual machine), which on every call would cost more than the rest
 * of the runtime's work for a small call; a worker that serves many functions pays it once per
 * switch, which measured cheaper than waking a thread of each function's own.
 *
 * <p>It inherits no inheritable thread-locals from the thread that creates it: a worker that one
 * function's code happened to start must not carry that function's values (and class loader) into
 * the other functions' calls.
 */
public final class AccountedThread extends Thread {
    /**
     * Every running accounted thread: an account reads its live turns from here rather than each
     * thread joining and leaving a set of the function's at every switch (two map updates per
     * switch, measured at 1.5% of the CPU with load spread over 100 functions). They are the
     * runtime's workers, tens of them, and accounts are read only for status and metrics.
     */
    private static final Set<AccountedThread> LIVE = ConcurrentHashMap.newKeySet();

    /** The function its CPU time is counted to now, or null for the runtime's own. */
    private volatile FunctionAccount account;
    /** The thread's CPU clock when the current turn began. */
    private volatile long baselineNanos;

    /** A thread that works for {@code account} from its start to its end. */
    public AccountedThread(FunctionAccount account, Runnable task, String name) {
        this(task, name);
        this.account = account;
    }

    /** A thread that works for no function until it {@link #switchTo switches} to one. */
    public AccountedThread(Runnable task, String name) {
        super(null, task, name, 0, false);
    }

    /** Whether the current thread's CPU time is counted to {@code account} already, as a whole. */
    public static boolean countsTo(FunctionAccount account) {
        Thread current = Thread.currentThread();
        return current instanceof AccountedThread && ((AccountedThread) current).account == account;
    }

    /**
     * On this thread only: counts its CPU time from now on to {@code next} (null: to no function),
     * crediting the turn that ends to the function it was for. Does nothing if {@code next} is the
     * current one.
     */
    public void switchTo(FunctionAccount next) {
        FunctionAccount previous = account;
        if (previous == next) {
            return;
        }
        long now = CallMeter.cpuNanos();
        if (previous != null) {
            previous.turnEnded(now - baselineNanos);
        }
        baselineNanos = now;
        account = next;
    }

    @Override
    public void run() {
        LIVE.add(this);
        FunctionAccount first = account;
        if (first != null) {
            account = null;
            switchTo(first);
        }
        try {
            super.run();
        } finally {
            switchTo(null);
            LIVE.remove(this);
        }
    }

    /** CPU time of the turns for {@code of} that running threads are in now, read from their clocks. */
    static long liveCpuNanos(FunctionAccount of) {
        long total = 0;
        for (AccountedThread thread : LIVE) {
            total += thread.cpuNanosSoFar(of);
        }
        return total;
    }

    /** CPU time of its current turn, read from another thread, if that turn is {@code of}'s; else 0. */
    long cpuNanosSoFar(FunctionAccount of) {
        long baseline = baselineNanos;
        if (account != of) {
            return 0;
        }
        long now = CallMeter.threadCpuNanos(getId());
        return now < 0 ? 0 : Math.max(0, now - baseline);
    }
}
