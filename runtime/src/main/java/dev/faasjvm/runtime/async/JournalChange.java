package dev.faasjvm.runtime.async;

/**
 * One change to the queue, as the journal keeps it. A closed set: {@link JournalCodec} writes each
 * kind with its own tag, {@link JournalState#apply} replays it.
 */
sealed interface JournalChange {

    /** A call was accepted (or, when compacting, is still queued). */
    record Enqueued(AsyncCall call) implements JournalChange {
    }

    /** A call has run {@code attempts} times and waits for its retry. */
    record Attempted(long seq, int attempts) implements JournalChange {
    }

    /** A call finished: answered, and its callback (if any) delivered or given up. */
    record Done(long seq) implements JournalChange {
    }

    /** A call was given up and kept as a dead letter. */
    record Dead(DeadLetter letter) implements JournalChange {
    }

    /** A dead letter was put back at the end of its function's queue, with no attempts. */
    record Replayed(long seq) implements JournalChange {
    }

    /** A dead letter was deleted. */
    record Forgotten(long seq) implements JournalChange {
    }
}
