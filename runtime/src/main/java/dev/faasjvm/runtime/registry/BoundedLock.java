package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.wire.GoDuration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * Takes a lock waiting at most a bound, so that no admin request waits on another without one
 * (issue 10); past it, the caller's answer (a 409) is thrown. Shared by {@link NameLocks} and
 * {@link NamespaceGuard}. Stateless.
 */
final class BoundedLock {
    private BoundedLock() {
    }

    /**
     * Locks {@code lock} or throws {@code busy} applied to how the wait ended
     * ({@code it waited 2s}).
     */
    static void lock(Lock lock, Duration bound, Function<String, ? extends RuntimeException> busy) {
        boolean locked;
        try {
            locked = lock.tryLock(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy.apply("the request was interrupted while it waited");
        }
        if (!locked) {
            throw busy.apply("it waited " + GoDuration.format(bound));
        }
    }
}
