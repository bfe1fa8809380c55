package dev.faasjvm.runtime.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The calls of one function that answered one status code: how many fell in each duration bucket
 * and their total duration, counted in a few cache lines and with two atomic additions per call.
 * Thread-safe.
 *
 * <p>Why not the Prometheus client's {@code Counter} and {@code Histogram}: recording a call in
 * both touched some ten objects (a counter cell, the histogram's observation count, its bucket
 * adders, its double sum and count), and on a machine whose load is spread over many functions
 * those are cold at every call: with load spread over 100 functions the histogram alone took 5.8%
 * of the CPU profile (0.7% with one function). Here a call adds to its bucket and to the sum, in
 * one of a few stripes picked by thread so that two cores rarely share a line; the call count is
 * the sum of the buckets, so the counter and the histogram can never disagree.
 */
final class CallRecorder {
    /** Stripes: a power of two, at least the processors up to 8, so concurrent threads mostly add to their own. */
    private static final int STRIPES = Integer.highestOneBit(Math.min(8, Math.max(1,
            Runtime.getRuntime().availableProcessors())) * 2 - 1);
    /** Longs per stripe: the sum, one count per bucket (the last is +Inf), padded to whole 64-byte lines. */
    private final int width;
    private final double[] upperBounds;
    private final long[] upperBoundNanos;
    private final AtomicLongArray cells;

    /** @param upperBounds the buckets' upper bounds in seconds, ascending, without +Inf */
    CallRecorder(double[] upperBounds, long[] upperBoundNanos) {
        this.upperBounds = upperBounds;
        this.upperBoundNanos = upperBoundNanos;
        this.width = (1 + upperBounds.length + 1 + 7) / 8 * 8;
        this.cells = new AtomicLongArray(STRIPES * width);
    }

    static long[] toNanos(double[] seconds) {
        long[] nanos = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            nanos[i] = Math.round(seconds[i] * 1e9);
        }
        return nanos;
    }

    void record(long nanos) {
        int bucket = 0;
        while (bucket < upperBoundNanos.length && nanos > upperBoundNanos[bucket]) {
            bucket++;
        }
        int stripe = (int) Thread.currentThread().getId() & (STRIPES - 1);
        int base = stripe * width;
        cells.getAndAdd(base + 1 + bucket, 1);
        cells.getAndAdd(base, nanos);
    }

    /** The calls recorded so far. */
    long count() {
        long total = 0;
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            for (int bucket = 0; bucket <= upperBounds.length; bucket++) {
                total += cells.get(stripe * width + 1 + bucket);
            }
        }
        return total;
    }

    /** What was recorded so far: counts per bucket (the last is +Inf), not cumulative, and the sum. */
    Snapshot snapshot() {
        long[] counts = new long[upperBounds.length + 1];
        long sumNanos = 0;
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            int base = stripe * width;
            sumNanos += cells.get(base);
            for (int bucket = 0; bucket < counts.length; bucket++) {
                counts[bucket] += cells.get(base + 1 + bucket);
            }
        }
        return new Snapshot(counts, sumNanos / 1e9);
    }

    /** Counts per bucket, the last being +Inf's own (not cumulative), and the sum of the durations in seconds. */
    record Snapshot(long[] counts, double sumSeconds) {
        long count() {
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            return total;
        }
    }
}
