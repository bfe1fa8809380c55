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
 * (seen parked or waiting at the watchdog's check, or running {@link #LIMIT} or longer) demotes
 * the function, for the rest of the generation's life, to its replicas' own threads. A replica's
 * first call runs on its own thread all the same: it loads and initialises classes, reading the
 * JAR and taking class-initialisation locks, which would otherwise look like blocking. Thread-safe.
 */
final class DirectMode {
    /** The deployment annotation by which a function declares that its calls never block. */
    static final String ANNOTATION = "dev.faasjvm.never-blocks";
    /** A call on the caller's thread that runs this long is taken to block, whatever its state. */
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

    /** Whether a call that has run {@code ranNanos} on its caller's thread, now in {@code state}, blocks it. */
    static boolean isBlocking(long ranNanos, Thread.State state) {
        boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        return ranNanos >= LIMIT_NANOS || ranNanos >= PARKED_NANOS && parked;
    }

    /** Moves the calls to the replicas' threads; true only for the one demotion that does it. */
    boolean demote() {
        return direct.compareAndSet(true, false);
    }
}
