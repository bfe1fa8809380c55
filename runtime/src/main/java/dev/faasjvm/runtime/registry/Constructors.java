package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.wire.GoDuration;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs handler constructors, for every function of a registry, at most {@code limit} at a time
 * (the rest wait in order), each bounded by a timeout: past it the future fails, the thread is
 * interrupted, and a thread that ignores the interrupt for {@link Watchdog#STUCK_GRACE} is reported
 * and abandoned: its place goes to the next construction, so that the others are not held up. A
 * construction can also be cancelled by function, which a DELETE of a function still constructing
 * does. Thread-safe.
 *
 * <p>Why a bounded number: a scale to a thousand replicas, or a restore of a thousand functions,
 * would otherwise start a thousand constructors at once, all loading classes and competing for
 * the CPU. Why each construction still gets a fresh thread ({@code faas-jvm-constructor-n}) that
 * ends with it: a constructor runs function code, which may leave thread-locals (or a half-printed
 * line) that would pin its class loader on a reused runtime thread.
 */
final class Constructors implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Constructors.class.getName());
    private static final int STACK_SAMPLE_FRAMES = 12;

    private final int limit;
    private final Watchdog watchdog;
    private final Set<Task<?>> tasks = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    // Guarded by this.
    private final Deque<Task<?>> waiting = new ArrayDeque<>();
    private int running;
    private boolean closed;

    Constructors(int limit, Watchdog watchdog) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.watchdog = watchdog;
    }

    /** The limit for this machine: enough to overlap class loading, few enough not to swamp it. */
    static int defaultLimit() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code construct} for {@code function}. The future completes with its result, or fails
     * with what it threw, or with {@code timedOut}'s exception once it has run for {@code timeout},
     * or with the exception given to {@link #cancel}. A result that arrives after the future failed
     * is handed to {@code discard}.
     */
    <T> CompletableFuture<T> construct(FunctionKey function, String what, Duration timeout, Supplier<T> construct,
            Consumer<T> discard, Function<String, ProviderException> timedOut) {
        Task<T> task = new Task<>(function, what, timeout, construct, discard, timedOut);
        tasks.add(task);
        task.result.whenComplete((ignored, failure) -> {
            if (failure != null) {
                task.stop();
            }
        });
        synchronized (this) {
            if (closed) {
                tasks.remove(task);
                task.result.completeExceptionally(timedOut.apply("the runtime is stopping"));
            } else if (running < limit) {
                running++;
                start(task);
            } else {
                waiting.add(task);
            }
        }
        return task.result;
    }

    /** Fails and interrupts every construction of {@code function} with {@code failure}; answers how many. */
    int cancel(FunctionKey function, ProviderException failure) {
        int cancelled = 0;
        for (Task<?> task : tasks) {
            if (task.function.equals(function) && task.result.completeExceptionally(failure)) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /** Fails every waiting construction; running ones finish or time out on their own. */
    @Override
    public void close() {
        List<Task<?>> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayList<>(waiting);
            waiting.clear();
        }
        dropped.forEach(task -> task.result.completeExceptionally(task.timedOut.apply("the runtime is stopping")));
    }

    private void start(Task<?> task) {
        Thread thread = new Thread(task, "faas-jvm-constructor-" + threads.incrementAndGet());
        thread.setDaemon(true);
        // Set, not inherited: this may run on a function's thread (a call that scales up from zero).
        thread.setContextClassLoader(Constructors.class.getClassLoader());
        thread.start();
    }

    /** A place was freed (a construction ended or was abandoned): the next waiting one starts. */
    private synchronized void release() {
        running--;
        while (!waiting.isEmpty() && running < limit) {
            Task<?> next = waiting.poll();
            if (next.result.isDone()) {
                tasks.remove(next); // cancelled while waiting: nothing to run
            } else {
                running++;
                start(next);
            }
        }
    }

    /** One construction: waiting, running on {@link #runner}, then done. */
    private final class Task<T> implements Runnable {
        final FunctionKey function;
        final String what;
        final Duration timeout;
        final Supplier<T> construct;
        final Consumer<T> discard;
        final Function<String, ProviderException> timedOut;
        final CompletableFuture<T> result = new CompletableFuture<>();
        // Guarded by this.
        private Thread runner;
        private boolean abandoned;

        Task(FunctionKey function, String what, Duration timeout, Supplier<T> construct, Consumer<T> discard,
                Function<String, ProviderException> timedOut) {
            this.function = function;
            this.what = what;
            this.timeout = timeout;
            this.construct = construct;
            this.discard = discard;
            this.timedOut = timedOut;
        }

        @Override
        public void run() {
            synchronized (this) {
                runner = Thread.currentThread();
            }
            ScheduledFuture<?> timer = watchdog.schedule(() -> result.completeExceptionally(timedOut.apply(
                    "its handler's constructor did not return within its construct timeout of "
                            + GoDuration.format(timeout) + " (--construct-timeout, or the annotation "
                            + FunctionSettings.CONSTRUCT_TIMEOUT + "); it was interrupted")), timeout);
            try {
                if (!result.isDone()) {
                    T value = construct.get();
                    if (!result.complete(value) && value != null) {
                        discard.accept(value);
                    }
                }
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                timer.cancel(false);
                boolean wasAbandoned;
                synchronized (this) {
                    runner = null;
                    wasAbandoned = abandoned;
                }
                tasks.remove(this);
                if (wasAbandoned) {
                    LOG.log(Level.INFO, () -> "Function " + function + ": the abandoned constructor of " + what
                            + " returned at last");
                } else {
                    release();
                }
            }
        }

        /** The future failed (timeout, cancel, throw): interrupt a running constructor and watch it stop. */
        synchronized void stop() {
            if (runner == null || runner == Thread.currentThread()) {
                return;
            }
            runner.interrupt();
            watchdog.schedule(this::abandonIfRunning, Watchdog.STUCK_GRACE);
        }

        private void abandonIfRunning() {
            Thread thread;
            synchronized (this) {
                thread = runner;
                if (thread == null || abandoned) {
                    return;
                }
                abandoned = true;
            }
            String stack = Arrays.stream(thread.getStackTrace()).limit(STACK_SAMPLE_FRAMES)
                    .map(frame -> "\tat " + frame).collect(Collectors.joining("\n"));
            LOG.log(Level.WARNING, () -> "Function " + function + ": " + what + " is still constructing "
                    + GoDuration.format(Watchdog.STUCK_GRACE) + " after an interrupt; thread " + thread.getName()
                    + " is abandoned and its place given to the next construction. It is at:\n" + stack);
            release();
        }
    }
}
