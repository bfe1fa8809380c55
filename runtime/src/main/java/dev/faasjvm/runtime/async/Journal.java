package dev.faasjvm.runtime.async;

import java.util.concurrent.CompletableFuture;

/**
 * Where the queue keeps its calls so that none is lost: a node-local log of changes. Every method
 * may be called from any thread; changes are kept in the order they were made.
 * {@link #record(JournalChange)} returns once the change is written and durable (a {@code kill -9}
 * after that loses nothing); {@link #note(JournalChange)} lets a change ride along with the next
 * durable write, for changes whose loss costs only a repeated attempt.
 */
interface Journal extends AutoCloseable {

    /** Everything still live at the last stop or crash, in the order the calls were accepted. */
    JournalState load();

    /**
     * Keeps a change durably; the future completes once it is (exceptionally with a
     * {@link dev.faasjvm.runtime.backend.StateWriteException} if it cannot be written).
     */
    CompletableFuture<Void> record(JournalChange change);

    /** Keeps a change with the next durable write, without waiting for it. */
    void note(JournalChange change);

    /** Writes what is pending and closes; later changes fail. */
    @Override
    void close();

    /** A journal for a runtime whose state is in memory: nothing survives it, nothing waits. */
    static Journal inMemory() {
        return new MemoryJournal();
    }
}
