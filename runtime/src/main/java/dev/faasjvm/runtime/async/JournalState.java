package dev.faasjvm.runtime.async;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a journal holds once its changes are replayed: the queued calls in the order they were
 * accepted (a replayed dead letter counts from its replay) and the dead letters. Not thread-safe:
 * a journal applies changes to it from one thread.
 */
final class JournalState {
    private final Map<Long, AsyncCall> queued = new LinkedHashMap<>();
    private final Map<Long, DeadLetter> dead = new LinkedHashMap<>();
    private long lastSeq;

    void apply(JournalChange change) {
        if (change instanceof JournalChange.Enqueued enqueued) {
            queued.put(enqueued.call().seq(), enqueued.call());
            lastSeq = Math.max(lastSeq, enqueued.call().seq());
        } else if (change instanceof JournalChange.Attempted attempted) {
            queued.computeIfPresent(attempted.seq(), (seq, call) -> call.withAttempts(attempted.attempts()));
        } else if (change instanceof JournalChange.Done done) {
            queued.remove(done.seq());
        } else if (change instanceof JournalChange.Dead letter) {
            long seq = letter.letter().call().seq();
            queued.remove(seq);
            dead.put(seq, letter.letter());
            lastSeq = Math.max(lastSeq, seq);
        } else if (change instanceof JournalChange.Replayed replayed) {
            DeadLetter letter = dead.remove(replayed.seq());
            if (letter != null) {
                queued.put(replayed.seq(), letter.call().withAttempts(0));
            }
        } else if (change instanceof JournalChange.Forgotten forgotten) {
            dead.remove(forgotten.seq());
        }
    }

    /** The queued calls, oldest first. */
    List<AsyncCall> queued() {
        return List.copyOf(queued.values());
    }

    /** The dead letters, in the order they died. */
    List<DeadLetter> deadLetters() {
        return List.copyOf(dead.values());
    }

    /** The highest call number seen, so that new calls are numbered after every kept one. */
    long lastSeq() {
        return lastSeq;
    }

    /** The fewest changes that rebuild this state: what a compacted journal holds. */
    List<JournalChange> snapshot() {
        List<JournalChange> changes = new ArrayList<>(dead.size() + queued.size());
        dead.values().forEach(letter -> changes.add(new JournalChange.Dead(letter)));
        queued.values().forEach(call -> changes.add(new JournalChange.Enqueued(call)));
        return changes;
    }

    int size() {
        return queued.size() + dead.size();
    }
}
