package dev.faasjvm.runtime.async;

import java.util.concurrent.CompletableFuture;

/**
 * The journal of a runtime whose state is in memory: keeps nothing, so calls live as long as the
 * runtime and a change is "durable" at once. Thread-safe.
 */
final class MemoryJournal implements Journal {
    private static final CompletableFuture<Void> KEPT = CompletableFuture.completedFuture(null);

    @Override
    public JournalState load() {
        return new JournalState();
    }

    @Override
    public CompletableFuture<Void> record(JournalChange change) {
        return KEPT;
    }

    @Override
    public void note(JournalChange change) {
        // nothing is kept
    }

    @Override
    public void close() {
        // nothing to write
    }
}
