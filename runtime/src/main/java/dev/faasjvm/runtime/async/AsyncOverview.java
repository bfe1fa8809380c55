package dev.faasjvm.runtime.async;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /system/async} (faas-jvm's own route): each function's queue and every
 * dead letter. Immutable.
 *
 * @param functions the queue of every function that had asynchronous calls since the start
 * @param deadLetters every dead letter, oldest first
 */
public record AsyncOverview(List<Queue> functions, List<Letter> deadLetters) {
    public AsyncOverview {
        functions = List.copyOf(functions);
        deadLetters = List.copyOf(deadLetters);
    }

    /**
     * One function's queue.
     *
     * @param depth calls accepted and not finished (waiting, running or waiting for a retry)
     * @param running calls running now
     * @param oldestSeconds how long ago the oldest unfinished call was accepted; 0 when none is
     * @param concurrency the most calls the queue runs at once for this function
     */
    public record Queue(String name, String namespace, long depth, long running, double oldestSeconds,
            long concurrency, long enqueued, long completed, long retried, long deadLettered) {
        static Queue of(FunctionQueue queue, long nowMillis) {
            long oldest = queue.oldestMillis();
            return new Queue(queue.name, queue.namespace, queue.depth(), queue.running(),
                    oldest == 0 ? 0 : Math.max(0, nowMillis - oldest) / 1000.0, queue.settings().concurrency(),
                    queue.enqueued.sum(), queue.completed.sum(), queue.retried.sum(), queue.deadLettered.sum());
        }
    }

    /**
     * One dead letter; {@code id} is what {@code /system/async/replay/{id}} and
     * {@code DELETE /system/async/dead-letters/{id}} take.
     */
    public record Letter(long id, String callId, String name, String namespace, String method, String path,
            int attempts, int lastStatus, String bodyExcerpt, String reason, Instant enqueuedAt, Instant deadAt,
            String callbackUrl) {
        static Letter of(DeadLetter letter) {
            AsyncCall call = letter.call();
            return new Letter(call.seq(), call.callId(), call.name(), call.namespace(), call.method(), call.path(),
                    call.attempts(), letter.lastStatus(), letter.bodyExcerpt(), letter.reason(),
                    Instant.ofEpochMilli(call.enqueuedMillis()), Instant.ofEpochMilli(letter.deadMillis()),
                    call.callbackUrl());
        }
    }
}
