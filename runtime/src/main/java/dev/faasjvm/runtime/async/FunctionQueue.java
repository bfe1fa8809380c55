package dev.faasjvm.runtime.async;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One function's calls: those waiting in order, those waiting for a retry, how many run now, and
 * its counters. The queue's only mutable per-function state; every method that changes it is
 * synchronized on it, and none of them calls out.
 */
final class FunctionQueue {
    /** The shortest and longest pause after the back-end refused a call for want of capacity. */
    private static final long MIN_PAUSE_NANOS = 5_000_000L;
    private static final long MAX_PAUSE_NANOS = 500_000_000L;

    final String name;
    final String namespace;
    final LongAdder enqueued = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    /** Every call accepted and not finished (waiting, running, or waiting for a retry): seq to acceptance time. */
    private final ConcurrentSkipListMap<Long, Long> unfinished = new ConcurrentSkipListMap<>();
    private final ArrayDeque<AsyncCall> waiting = new ArrayDeque<>();
    private final Map<Long, AsyncCall> retrying = new LinkedHashMap<>();
    private volatile AsyncSettings settings;
    private int running;
    private long pausedUntil;
    private long pause = MIN_PAUSE_NANOS;
    private boolean deleted;

    FunctionQueue(String name, String namespace, AsyncSettings settings) {
        this.name = name;
        this.namespace = namespace;
        this.settings = settings;
    }

    AsyncSettings settings() {
        return settings;
    }

    void settings(AsyncSettings now) {
        settings = now;
    }

    /** Takes a newly accepted (or replayed, or recovered) call at the end of the line. */
    synchronized void offer(AsyncCall call) {
        unfinished.put(call.seq(), call.enqueuedMillis());
        waiting.addLast(call);
    }

    /**
     * The calls to start now, in order, counted as running: as many as the function's async
     * concurrency leaves room for, none while paused or deleted.
     */
    synchronized List<AsyncCall> take(long nowNanos) {
        if (deleted || nowNanos - pausedUntil < 0) {
            return List.of();
        }
        List<AsyncCall> start = new ArrayList<>();
        int limit = settings.concurrency();
        while (running < limit && !waiting.isEmpty()) {
            start.add(waiting.pollFirst());
            running++;
        }
        return start;
    }

    /**
     * An attempt ended without running (the back-end had no free capacity): the call goes back to
     * the head of the line and the queue pauses, longer each time in a row. Returns the pause.
     */
    synchronized long refused(AsyncCall call, long nowNanos) {
        running--;
        waiting.addFirst(call);
        pausedUntil = nowNanos + pause;
        long paused = pause;
        pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
        return paused;
    }

    /** An attempt ended with an answer; returns whether the function was deleted meanwhile. */
    synchronized boolean ran() {
        running--;
        pause = MIN_PAUSE_NANOS;
        return deleted;
    }

    /** A call waits for its retry. */
    synchronized void awaitRetry(AsyncCall call) {
        retrying.put(call.seq(), call);
    }

    /**
     * A call's retry is due: it goes back to the head of the line. False if it is no longer
     * waiting (its function was deleted meanwhile).
     */
    synchronized boolean retryDue(AsyncCall call) {
        if (retrying.remove(call.seq()) == null) {
            return false;
        }
        waiting.addFirst(call);
        return true;
    }

    /** The call finished (answered, or a dead letter). */
    void finished(AsyncCall call) {
        unfinished.remove(call.seq());
    }

    /** Marks the function deleted and hands back every call that had not started. */
    synchronized List<AsyncCall> delete() {
        deleted = true;
        List<AsyncCall> dropped = new ArrayList<>(waiting);
        dropped.addAll(retrying.values());
        waiting.clear();
        retrying.clear();
        return dropped;
    }

    synchronized int running() {
        return running;
    }

    /** Calls accepted and not finished. */
    int depth() {
        return unfinished.size();
    }

    /** When the oldest unfinished call was accepted, epoch milliseconds; 0 when there is none. */
    long oldestMillis() {
        Map.Entry<Long, Long> first = unfinished.firstEntry();
        return first == null ? 0 : first.getValue();
    }
}
