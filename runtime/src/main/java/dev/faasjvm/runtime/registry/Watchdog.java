package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.threads.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The registry's one timer thread: times out running calls past their {@code exec_timeout},
 * notices calls that block the caller's thread they run on ({@link DirectMode}),
 * checks for workers stuck past it, and runs the periodic idle sweep. Its tasks only complete
 * futures, interrupt threads and log; none runs user code or blocks. Thread-safe.
 *
 * <p>Why calls are swept rather than scheduled: a timer task per call costs a lock on the delay
 * queue twice, and, because a call that finished cancels its task, the next call's task is always
 * the head of an empty queue, which wakes the timer thread once per call: a context switch on
 * every invocation. A set of running calls checked every {@link #TICK} costs neither; a timeout
 * fires up to one tick late.
 */
final class Watchdog implements AutoCloseable {
    /** How long an interrupted worker may take to stop before it is counted as stuck and replaced. */
    static final Duration STUCK_GRACE = Duration.ofSeconds(1);
    /** How often running calls are checked against their deadlines. */
    static final Duration TICK = Duration.ofMillis(10);

    /** A sweep this much later than its tick means the runtime stood still (a pause, an overloaded machine). */
    static final Duration STALL = Duration.ofMillis(50);

    private final ScheduledThreadPoolExecutor timer;
    private final WatchedCalls running = new WatchedCalls();
    private volatile long lastSweep = System.nanoTime();
    /** When the last stall was noticed ({@link System#nanoTime()}), if {@link #stalled}. */
    private volatile long lastStall;
    private volatile boolean stalled;

    Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("faas-jvm-watchdog"));
        timer.setRemoveOnCancelPolicy(true);
        every(TICK, this::sweep);
    }

    /** Starts watching a call that has a deadline or runs on its caller's thread. */
    void watch(Call call) {
        call.watchedIn(running.add(call));
    }

    /** Stops watching a call that finished. */
    void unwatch(Call call) {
        running.remove(call.watchSlot(), call);
    }

    /**
     * {@code nanoTime}, or when the runtime last stood still if that was later ({@link System#nanoTime()}):
     * where a call that started at {@code nanoTime} last began to run undisturbed.
     */
    long unstalledSince(long nanoTime) {
        return stalledSince(nanoTime) ? lastStall : nanoTime;
    }

    /** Whether the runtime stood still at some time after {@code nanoTime} ({@link System#nanoTime()}). */
    boolean stalledSince(long nanoTime) {
        long stall = lastStall;
        return stalled && stall - nanoTime > 0;
    }

    private void sweep() {
        long now = System.nanoTime();
        if (now - lastSweep > TICK.toNanos() + STALL.toNanos()) {
            lastStall = now;
            stalled = true;
        }
        lastSweep = now;
        running.forEach((slot, call) -> {
            call.checkBlocking(now);
            if (call.isPastDeadline(now) && running.remove(slot, call)) {
                call.timeOut();
            }
        });
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    void every(Duration period, Runnable task) {
        timer.scheduleWithFixedDelay(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
