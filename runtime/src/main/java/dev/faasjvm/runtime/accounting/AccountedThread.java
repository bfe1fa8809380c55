package dev.faasjvm.runtime.accounting;

/**
 * A thread that works only for one function (a replica's worker): all the CPU time it uses is
 * that function's, so it is counted from the thread's own clock, read when the account is read
 * and once more as the thread ends, rather than around each call. Reading a thread's CPU clock is
 * a system call (close to a microsecond on a virtual machine), which per call would cost more
 * than the rest of the runtime's work for a small call.
 */
public final class AccountedThread extends Thread {
    private final FunctionAccount account;
    private volatile long baselineNanos;

    public AccountedThread(FunctionAccount account, Runnable task, String name) {
        super(task, name);
        this.account = account;
    }

    /** Whether the current thread's CPU time is counted to {@code account} already, as a whole. */
    public static boolean countsTo(FunctionAccount account) {
        Thread current = Thread.currentThread();
        return current instanceof AccountedThread && ((AccountedThread) current).account == account;
    }

    @Override
    public void run() {
        baselineNanos = CallMeter.cpuNanos();
        account.threadStarted(this);
        try {
            super.run();
        } finally {
            account.threadEnded(this, CallMeter.cpuNanos() - baselineNanos);
        }
    }

    /** CPU time used since it started, read from another thread; 0 once it has ended. */
    long cpuNanosSoFar() {
        long now = CallMeter.threadCpuNanos(getId());
        return now < 0 ? 0 : Math.max(0, now - baselineNanos);
    }
}
