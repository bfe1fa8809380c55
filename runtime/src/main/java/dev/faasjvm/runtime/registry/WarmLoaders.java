package dev.faasjvm.runtime.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The class loaders of generations at zero replicas, kept loaded so that the next call does not
 * reload the JAR: a Caffeine cache bounded in size and in time since last use, on an injected
 * {@link Ticker} so tests advance time instead of waiting. Only a generation with no replica and no
 * call parks its loader here, so an evicted loader is unloaded at once (on the unloading thread,
 * since eviction happens on whatever thread touches the cache): nothing can still be using its
 * classes; its output is closed after it. A loader taken back with {@link #take} is the caller's again. Thread-safe.
 */
final class WarmLoaders {
    private static final System.Logger LOG = System.getLogger(WarmLoaders.class.getName());

    private final Cache<Generation, AttachedFunction> cache;

    WarmLoaders(int maximumSize, Duration keepFor, Ticker ticker, Executor unloading) {
        cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(keepFor)
                .ticker(ticker)
                // Notified on the thread that evicts, which only hands the unloading on.
                .executor(Runnable::run)
                .removalListener((Generation generation, AttachedFunction loaded, RemovalCause cause) -> {
                    if (cause.wasEvicted() && loaded != null) {
                        LOG.log(Level.DEBUG, () -> "Unloading the idle class loader of " + generation + " (" + cause + ")");
                        unloading.execute(loaded::close);
                    }
                })
                .build();
    }

    /** Keeps the loader of a generation that has gone to zero replicas. */
    void park(Generation generation, AttachedFunction loaded) {
        cache.put(generation, loaded);
    }

    /** Takes a parked loader back, or returns null when it was evicted (and closed) meanwhile. */
    AttachedFunction take(Generation generation) {
        // An explicit removal is no eviction, so the listener leaves the loader open for the caller.
        return cache.asMap().remove(generation);
    }

    /** Runs pending evictions now; Caffeine otherwise does so as a side effect of later use. */
    void cleanUp() {
        cache.cleanUp();
    }

    long size() {
        return cache.estimatedSize();
    }
}
