package dev.faasjvm.runtime.async;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.CapacityExceededException;
import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.FunctionStatus;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The asynchronous calls of one runtime: accepts them into the {@link Journal}, runs each
 * function's calls in order through the back-end's own invoke path (so replicas, limits,
 * timeouts, metrics and logs apply), retries or dead-letters them, and posts results to their
 * callbacks. See the package comment for the rules. Thread-safe.
 */
public final class AsyncQueue implements AutoCloseable {
    /** The folder of the journal, under the state folder. */
    public static final String FOLDER = "async";
    private static final System.Logger LOG = System.getLogger(AsyncQueue.class.getName());
    private static final int WORKERS = 2;

    private final ProviderBackend backend;
    private final Supplier<Journal> opener;
    /** Opened by {@link #start()}, once the state folder is locked; null before. */
    private volatile Journal journal;
    private final AsyncConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    /** Where attempts end and callbacks are posted: off the functions' replica threads. */
    private final ExecutorService workers;
    private final Callbacks callbacks;
    private final ConcurrentHashMap<String, FunctionQueue> queues = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, DeadLetter> dead = new ConcurrentSkipListMap<>();
    private final AtomicLong seq = new AtomicLong();
    private volatile boolean closed;

    private AsyncQueue(ProviderBackend backend, Supplier<Journal> opener, AsyncConfig config, Clock clock) {
        this.backend = backend;
        this.opener = opener;
        this.config = config;
        this.clock = clock;
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, threads("faas-jvm-async-timers"));
        timers.setRemoveOnCancelPolicy(true);
        this.timers = timers;
        this.workers = Executors.newFixedThreadPool(WORKERS, threads("faas-jvm-async"));
        this.callbacks = new Callbacks(timers, workers);
    }

    /**
     * The queue's own threads. Why the context class loader is set: a pool makes its threads
     * lazily, from whichever thread hands it work first, and a thread made from a function's
     * replica thread would inherit that function's loader: the runtime would count it as the
     * function's (keeping its classes loaded, routing the queue's log lines to it).
     */
    private static ThreadFactory threads(String name) {
        AtomicLong count = new AtomicLong();
        ClassLoader runtime = AsyncQueue.class.getClassLoader();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(runtime);
            return thread;
        };
    }

    /**
     * A queue whose calls are kept in {@code stateDir} (its {@code async} folder), or only in
     * memory when {@code stateDir} is {@code null}. Nothing is read or run until {@link #start()}.
     */
    public static AsyncQueue create(ProviderBackend backend, AsyncConfig config, Path stateDir, Clock clock) {
        Supplier<Journal> opener = stateDir == null ? Journal::inMemory
                : () -> FileJournal.open(stateDir.resolve(FOLDER));
        return new AsyncQueue(backend, opener, config, clock);
    }

    /**
     * Takes back the calls kept at the last stop or crash (a call that was running then runs again,
     * with the same call id) and the dead letters, and starts running them. Call once the back-end
     * has restored its functions.
     */
    public void start() {
        journal = opener.get();
        JournalState kept = journal.load();
        seq.set(kept.lastSeq());
        kept.deadLetters().forEach(letter -> dead.put(letter.call().seq(), letter));
        List<FunctionQueue> touched = new ArrayList<>();
        for (AsyncCall call : kept.queued()) {
            Optional<FunctionQueue> queue = queueOf(call.name(), call.namespace());
            if (queue.isEmpty()) {
                deadLetter(null, call, Outcome.never(404, "function does not exist"),
                        "the function no longer existed when the runtime started again");
                continue;
            }
            queue.get().offer(call);
            touched.add(queue.get());
        }
        touched.stream().distinct().forEach(this::dispatch);
    }

    /**
     * Accepts a call for a function: it is durable when the future completes, and runs later.
     *
     * @throws FunctionNotFoundException if the function or its namespace does not exist
     */
    public CompletableFuture<AsyncCall> submit(String name, String namespace, String method, String path,
            String rawQuery, Map<String, List<String>> headers, byte[] body, String callId, String callbackUrl) {
        FunctionQueue queue = queueOf(name, namespace).orElseThrow(() -> new FunctionNotFoundException(
                "Function \"" + name + "\" not found in namespace \"" + namespace + "\""));
        AsyncCall call = new AsyncCall(seq.incrementAndGet(), callId, name, namespace, method, path, rawQuery,
                headers, body, callbackUrl, clock.millis(), 0);
        return journal.record(new JournalChange.Enqueued(call)).thenApply(durable -> {
            queue.enqueued.increment();
            queue.offer(call);
            dispatch(queue);
            return call;
        });
    }

    /** The queue of a function that exists, its settings read afresh; empty if it does not exist. */
    private Optional<FunctionQueue> queueOf(String name, String namespace) {
        Optional<FunctionStatus> status;
        try {
            status = backend.status(name, namespace);
        } catch (InvalidRequestException e) { // its namespace does not exist
            return Optional.empty();
        }
        return status.map(function -> {
            AsyncSettings settings = AsyncSettings.of(function, config);
            FunctionQueue queue = queues.computeIfAbsent(key(name, namespace),
                    ignored -> new FunctionQueue(name, namespace, settings));
            queue.settings(settings);
            return queue;
        });
    }

    /** Starts what the function's queue has room for. */
    private void dispatch(FunctionQueue queue) {
        if (closed) {
            return;
        }
        for (AsyncCall call : queue.take(System.nanoTime())) {
            attempt(queue, call);
        }
    }

    private void attempt(FunctionQueue queue, AsyncCall call) {
        long start = System.nanoTime();
        CompletableFuture<FunctionResponse> answer;
        try {
            answer = backend.invoke(call.name(), call.namespace(), call.invocation());
        } catch (RuntimeException e) { // a back-end that throws rather than failing its future
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((response, failure) -> {
            if (closed) {
                return; // still in the journal: it runs again at the next start
            }
            long nanos = System.nanoTime() - start;
            if (failure != null && Outcome.unwrap(failure) instanceof CapacityExceededException) {
                long pause = queue.refused(call, System.nanoTime());
                later(() -> dispatch(queue), pause);
                return;
            }
            boolean deleted = queue.ran();
            ended(queue, call.withAttempts(call.attempts() + 1),
                    failure == null ? Outcome.of(response, nanos) : Outcome.of(failure, nanos), deleted);
            dispatch(queue);
        }, workers);
    }

    /** Decides what becomes of a call after an attempt: done, retried or dead-lettered. */
    private void ended(FunctionQueue queue, AsyncCall call, Outcome outcome, boolean deleted) {
        AsyncSettings settings = queue.settings();
        if (!settings.retryCodes().contains(outcome.status())) {
            queue.completed.increment();
            finish(queue, call, outcome);
            return;
        }
        Duration wait = Backoff.after(call.attempts(), config.backoff(), AsyncConfig.MAX_BACKOFF);
        long age = clock.millis() - call.enqueuedMillis() + wait.toMillis();
        if (deleted) {
            deadLetter(queue, call, outcome, "the function was deleted");
        } else if (call.attempts() >= settings.maxAttempts()) {
            deadLetter(queue, call, outcome, "gave up after " + call.attempts() + " attempts");
        } else if (age > config.maxAge().toMillis()) {
            deadLetter(queue, call, outcome, "gave up after " + call.attempts() + " attempts: the next would come"
                    + " more than " + config.maxAge() + " after the call was accepted");
        } else {
            queue.retried.increment();
            journal.note(new JournalChange.Attempted(call.seq(), call.attempts()));
            queue.awaitRetry(call);
            later(() -> {
                if (queue.retryDue(call)) {
                    dispatch(queue);
                }
            }, wait.toNanos());
        }
    }

    /** A call is answered: its result goes to the callback, then it leaves the journal. */
    private void finish(FunctionQueue queue, AsyncCall call, Outcome outcome) {
        callbacks.deliver(call, outcome).whenComplete((ignored, failure) -> {
            if (!closed) {
                queue.finished(call);
                journal.note(new JournalChange.Done(call.seq()));
            }
        });
    }

    private void deadLetter(FunctionQueue queue, AsyncCall call, Outcome outcome, String reason) {
        DeadLetter letter = new DeadLetter(call, outcome.status(), outcome.excerpt(), reason, clock.millis());
        dead.put(call.seq(), letter);
        journal.note(new JournalChange.Dead(letter));
        if (queue != null) {
            queue.deadLettered.increment();
            queue.finished(call);
        }
        LOG.log(Level.WARNING, () -> "Async call " + call.callId() + " to " + call.function() + " is a dead letter: "
                + reason + " (last status " + outcome.status() + ")");
        callbacks.deliver(call, outcome);
    }

    private void later(Runnable task, long nanos) {
        try {
            timers.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the queue is closing: what waited stays in the journal for the next start
        }
    }

    /**
     * A function was deleted: its calls that had not started become dead letters (a running one
     * does once it ends, if it would be retried).
     */
    public void deleted(String name, String namespace) {
        FunctionQueue queue = queues.remove(key(name, namespace));
        if (queue == null) {
            return;
        }
        for (AsyncCall call : queue.delete()) {
            deadLetter(queue, call, Outcome.never(404, "function deleted"), "the function was deleted before"
                    + " the call ran");
        }
    }

    /** A function was updated or scaled: its queue keeps its calls and reads its settings again. */
    public void changed(String name, String namespace) {
        FunctionQueue queue = queues.get(key(name, namespace));
        if (queue != null) {
            queueOf(name, namespace);
            dispatch(queue);
        }
    }

    /**
     * Puts a dead letter back at the end of its function's queue, with no attempts; returns once
     * that is durable.
     *
     * @throws NotFoundException if there is no such dead letter
     * @throws FunctionNotFoundException if its function no longer exists
     */
    public AsyncCall replay(long id) {
        DeadLetter letter = dead.get(id);
        if (letter == null) {
            throw new NotFoundException("No dead letter " + id);
        }
        AsyncCall call = letter.call().withAttempts(0);
        FunctionQueue queue = queueOf(call.name(), call.namespace()).orElseThrow(() -> new FunctionNotFoundException(
                "Dead letter " + id + " cannot be replayed: function \"" + call.function() + "\" does not exist"));
        if (dead.remove(id) == null) {
            throw new NotFoundException("No dead letter " + id);
        }
        journal.record(new JournalChange.Replayed(id)).join();
        queue.offer(call);
        dispatch(queue);
        return call;
    }

    /**
     * Deletes a dead letter; returns once that is durable.
     *
     * @throws NotFoundException if there is no such dead letter
     */
    public void forget(long id) {
        if (dead.remove(id) == null) {
            throw new NotFoundException("No dead letter " + id);
        }
        journal.record(new JournalChange.Forgotten(id)).join();
    }

    /** Every function's queue and every dead letter, now. */
    public AsyncOverview overview() {
        long now = clock.millis();
        List<AsyncOverview.Queue> functions = queues.values().stream()
                .sorted(java.util.Comparator.comparing((FunctionQueue queue) -> queue.namespace)
                        .thenComparing(queue -> queue.name))
                .map(queue -> AsyncOverview.Queue.of(queue, now)).toList();
        return new AsyncOverview(functions, dead.values().stream().map(AsyncOverview.Letter::of).toList());
    }

    /** The per-function queues, for metrics. */
    List<FunctionQueue> queues() {
        return List.copyOf(queues.values());
    }

    /** The queue's metrics, to register with the runtime's. */
    public io.prometheus.metrics.model.registry.MultiCollector metrics() {
        return new AsyncMetrics(this::queues, clock);
    }

    /**
     * Stops running calls and closes the journal. Calls not finished stay in it, and run again at
     * the next start: a call running now may so run twice, with the same call id.
     */
    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        workers.shutdownNow();
        if (journal != null) {
            journal.close();
        }
    }

    private static String key(String name, String namespace) {
        return name + "." + namespace;
    }
}
