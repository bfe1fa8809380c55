package dev.faasjvm.runtime.async;

import java.util.Objects;

/**
 * A call the queue gave up on, kept (with the state) until it is replayed or deleted through
 * {@code /system/async}. Immutable.
 *
 * @param call the call, with the number of attempts it had
 * @param lastStatus the status of its last attempt, or 0 when it never ran
 * @param bodyExcerpt the start of its last answer's body, as text
 * @param reason why it was given up, in words
 * @param deadMillis when, in epoch milliseconds
 */
public record DeadLetter(AsyncCall call, int lastStatus, String bodyExcerpt, String reason, long deadMillis) {
    /** The most characters of a last answer kept in a dead letter. */
    static final int EXCERPT_CHARS = 512;

    public DeadLetter {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
        Objects.requireNonNull(reason, "reason");
        if (bodyExcerpt.length() > EXCERPT_CHARS) {
            bodyExcerpt = bodyExcerpt.substring(0, EXCERPT_CHARS);
        }
    }
}
