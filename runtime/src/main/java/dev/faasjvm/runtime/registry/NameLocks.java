package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.backend.ConflictException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The per-function locks that serialise deploy, update, delete and scale of one name. A request
 * waits for another request's change at most {@code bound} (an unbounded wait once let a hung
 * constructor hold one Jetty thread per retry, until the server had none left, issue 10); past it,
 * it is answered 409 and the caller may try again. Thread-safe.
 */
final class NameLocks {
    private final ConcurrentHashMap<FunctionKey, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Duration bound;

    NameLocks(Duration bound) {
        this.bound = bound;
    }

    /** Runs {@code action} holding {@code key}'s lock, waiting for it at most the bound. */
    <T> T with(FunctionKey key, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(key, ignored -> new ReentrantLock());
        BoundedLock.lock(lock, bound, how -> busy(key, how));
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #with(FunctionKey, Supplier)}, for an action without a result. */
    void run(FunctionKey key, Runnable action) {
        with(key, () -> {
            action.run();
            return null;
        });
    }

    private static ConflictException busy(FunctionKey key, String how) {
        return new ConflictException("Function \"" + key.name() + "\" in namespace \"" + key.namespace()
                + "\" is being changed by another request (deploy, update, scale or delete) and " + how
                + " for it to finish; try again later");
    }
}
