package dev.faasjvm.runtime.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one function: its calls by status code, their durations, and the calls the
 * runtime refused (429) or timed out (504). Each status code's data points are looked up once and
 * kept in an array indexed by the code, so recording a call builds no label list. Thread-safe.
 */
public final class FunctionMeters {
    private static final int CODES = 600;

    private final RuntimeMetrics metrics;
    private final String functionName;
    private final long createdNanos = System.nanoTime();
    private final AtomicReferenceArray<CounterDataPoint> counts = new AtomicReferenceArray<>(CODES);
    private final AtomicReferenceArray<DistributionDataPoint> durations = new AtomicReferenceArray<>(CODES);

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
        CounterDataPoint count = counts.get(index);
        DistributionDataPoint duration = durations.get(index);
        if (count == null || duration == null) {
            // labelValues answers the same data point to racing threads, so setting it twice is harmless.
            duration = metrics.durations.labelValues(functionName, label(index));
            durations.set(index, duration);
            count = metrics.invocations.labelValues(functionName, label(index));
            counts.set(index, count);
        }
        count.inc();
        duration.observe(nanos / 1e9);
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
            CounterDataPoint count = counts.get(i);
            if (count != null) {
                total += count.getLongValue();
            }
        }
        return total;
    }

    /** Removes this function's series, e.g. once it is deleted. */
    void remove() {
        for (int i = 0; i < CODES; i++) {
            if (counts.get(i) != null) {
                metrics.invocations.remove(functionName, label(i));
                metrics.durations.remove(functionName, label(i));
            }
        }
        metrics.rejected.remove(functionName);
        metrics.timeouts.remove(functionName);
        metrics.aborted.remove(functionName);
    }

    private static String label(int code) {
        return Integer.toString(code);
    }
}
