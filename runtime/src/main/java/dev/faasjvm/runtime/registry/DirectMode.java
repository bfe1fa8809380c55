package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.loader.LoadedFunction;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a generation's calls run on the thread that read the request, with no hand-off to a
 * replica thread: only when the function declared that its calls never block, with the
 * {@value #ANNOTATION} deployment annotation or the {@code FaaS-Never-Blocks} manifest attribute
 * set to {@code true}. That thread serves other connections too, so a call that blocks there
 * demotes the function, for the rest of the generation's life, to its replicas' own threads:
 * one seen parked, waiting or blocked on a monitor at the watchdog's check, or one past
 * {@link #LIMIT} that then either keeps a CPU busy (at least half the time between two checks) or
 * uses almost none for another {@link #LIMIT} (a thread blocked in native I/O shows as runnable).
 * A call that is slow only because the whole runtime stood still (a collector's pause, a machine
 * too busy to run the watchdog on time) is not blamed: its watch starts again after the stall.
 * A replica's first call runs on its own thread all the same: it loads and initialises classes,
 * reading the JAR and taking class-initialisation locks, which would otherwise look like
 * blocking. Thread-safe.
 */
final class DirectMode {
    /** The deployment annotation by which a function declares that its calls never block. */
    static final String ANNOTATION = "dev.faasjvm.never-blocks";
    /** A call on the caller's thread that runs this long is watched for blocking, whatever its state. */
    static final Duration LIMIT = Duration.ofMillis(100);
    static final long LIMIT_NANOS = LIMIT.toNanos();
    /** A call seen parked after this long blocks; a shorter wait may be a brief lock hand-over. */
    private static final long PARKED_NANOS = Watchdog.TICK.toNanos();

    private final AtomicBoolean direct;

    private DirectMode(boolean direct) {
        this.direct = new AtomicBoolean(direct);
    }

    /** The mode a generation of {@code spec} starts in, loaded as {@code function}. */
    static DirectMode of(FunctionDeployment spec, LoadedFunction function) {
        return new DirectMode(declared(spec) || function.declaresNeverBlocks());
    }

    static boolean declared(FunctionDeployment spec) {
        return "true".equalsIgnoreCase(String.valueOf(spec.annotations().get(ANNOTATION)).strip());
    }

    boolean isDirect() {
        return direct.get();
    }

    /** Whether a call that has run {@code ranNanos} on its caller's thread, now in {@code state}, waits there. */
    static boolean isParked(long ranNanos, Thread.State state) {
        boolean waits = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                || state == Thread.State.BLOCKED;
        return ranNanos >= PARKED_NANOS && waits;
    }

    /**
     * Why a call past {@link #LIMIT} blocks its thread, judged over a window of {@code windowNanos}
     * in which its thread used {@code cpuNanos} of CPU; null if the window does not tell yet.
     */
    static String overLimit(long windowNanos, long cpuNanos) {
        if (windowNanos >= 2 * PARKED_NANOS && cpuNanos >= windowNanos / 2) {
            return "it kept a CPU busy (" + cpuNanos / 1_000_000 + " ms of CPU in " + windowNanos / 1_000_000
                    + " ms)";
        }
        if (windowNanos >= LIMIT_NANOS && cpuNanos < windowNanos / 10) {
            return "it used almost no CPU for " + windowNanos / 1_000_000 + " ms (waiting in native code, such as"
                    + " blocking I/O)";
        }
        return null;
    }

    /** Moves the calls to the replicas' threads; true only for the one demotion that does it. */
    boolean demote() {
        return direct.compareAndSet(true, false);
    }
}
