package dev.faasjvm.runtime.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one function: its calls by status code, their durations, and the calls the
 * runtime refused (429) or timed out (504). Each status code's {@link CallRecorder} is made once
 * and kept in an array indexed by the code, so recording a call builds no label list and looks
 * nothing up. Thread-safe.
 */
public final class FunctionMeters {
    private static final int CODES = 600;

    private final RuntimeMetrics metrics;
    private final String functionName;
    private final long createdNanos = System.nanoTime();
    private final AtomicReferenceArray<CallRecorder> calls = new AtomicReferenceArray<>(CODES);

    FunctionMeters(RuntimeMetrics metrics, String functionName) {
        this.metrics = metrics;
        this.functionName = functionName;
    }

    /** {@code name.namespace}, the {@code function_name} label. */
    public String functionName() {
        return functionName;
    }

    /** When these meters were made ({@link System#nanoTime()}). */
    long createdNanos() {
        return createdNanos;
    }

    /** Records one finished call: its HTTP status (100 to 599; others count as 500) and how long it took. */
    public void record(int code, long nanos) {
        int index = code >= 100 && code < CODES ? code : 500;
        CallRecorder recorder = calls.get(index);
        if (recorder == null) {
            calls.compareAndSet(index, null, metrics.newCallRecorder());
            recorder = calls.get(index);
        }
        recorder.record(nanos);
    }

    /** Calls each {@code action} with every status code recorded so far and its recorder. */
    void forEachCode(CodeAction action) {
        for (int i = 0; i < CODES; i++) {
            CallRecorder recorder = calls.get(i);
            if (recorder != null) {
                action.accept(i, recorder);
            }
        }
    }

    /** What {@link #forEachCode} calls. */
    interface CodeAction {
        void accept(int code, CallRecorder recorder);
    }

    /** Records a call refused because every replica was at its concurrency limit. */
    public void rejected() {
        metrics.rejected.labelValues(functionName).inc();
    }

    /** Records a call that ran past its timeout. */
    public void timedOut() {
        metrics.timeouts.labelValues(functionName).inc();
    }

    /** Records a streamed response cut off after its status was sent (the call is recorded with that status). */
    public void aborted() {
        metrics.aborted.labelValues(functionName).inc();
    }

    /** Every call recorded so far, whatever its code: the function's {@code invocationCount}. */
    public long invocations() {
        long total = 0;
        for (int i = 0; i < CODES; i++) {
            CallRecorder recorder = calls.get(i);
            if (recorder != null) {
                total += recorder.count();
            }
        }
        return total;
    }

    /**
     * Removes this function's series, e.g. once it is deleted; its calls' series go with the meters
     * themselves, which the scrape no longer finds.
     */
    void remove() {
        metrics.rejected.remove(functionName);
        metrics.timeouts.remove(functionName);
        metrics.aborted.remove(functionName);
    }
}
