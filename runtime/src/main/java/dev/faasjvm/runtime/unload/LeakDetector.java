package dev.faasjvm.runtime.unload;

import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps a weak reference to every retired function class loader and judges each one: freed by the
 * garbage collector (unloaded), or still reachable after two full collections that ended at least
 * {@link #GRACE} after its retirement (leaked: logged once, with the function and generation).
 * Counts per function ({@code name.namespace}) are kept after the function is gone, so a leak
 * stays visible. Full collections are learnt from the JVM's collector notifications. Thread-safe.
 */
public final class LeakDetector implements AutoCloseable {
    /** How long after its retirement a collection starts to count against a loader. */
    public static final Duration GRACE = Duration.ofSeconds(1);
    static final int COLLECTIONS_TO_CONVICT = 2;

    private static final System.Logger LOG = System.getLogger(LeakDetector.class.getName());

    /** A retired loader awaiting its verdict; the weak reference is the only hold on the loader. */
    private static final class Retired extends WeakReference<ClassLoader> {
        final String function;
        final int generation;
        final String loaderName;
        final Instant retiredAt;
        int collectionsSurvived;

        Retired(ClassLoader loader, ReferenceQueue<ClassLoader> queue, String function, int generation,
                Instant retiredAt) {
            super(loader, queue);
            this.function = function;
            this.generation = generation;
            this.loaderName = loader.getName();
            this.retiredAt = retiredAt;
        }
    }

    private final Clock clock;
    private final ReferenceQueue<ClassLoader> queue = new ReferenceQueue<>();
    private final Set<Retired> pending = new HashSet<>();
    private final Map<String, LoaderCounts> counts = new HashMap<>();
    private final Runnable unsubscribe;

    private LeakDetector(Clock clock, boolean listen) {
        this.clock = clock;
        this.unsubscribe = listen ? FullCollections.subscribe(this::fullCollectionEnded) : () -> { };
    }

    /** A detector that learns of full collections from the JVM; close it to stop listening. */
    public static LeakDetector create(Clock clock) {
        return new LeakDetector(clock, true);
    }

    /** A detector told of full collections only through {@link #fullCollectionEnded()}, for tests. */
    static LeakDetector withoutNotifications(Clock clock) {
        return new LeakDetector(clock, false);
    }

    /** Starts watching a loader that has been closed and should now be freed. */
    public synchronized void track(String function, int generation, ClassLoader loader) {
        pending.add(new Retired(loader, queue, function, generation, clock.instant()));
        counts.merge(function, LoaderCounts.NONE.plusRetired(), (old, one) -> old.plusRetired());
    }

    /** Judges the pending loaders after a full collection; called from the JVM's notification thread. */
    synchronized void fullCollectionEnded() {
        freed();
        Instant countsFrom = clock.instant().minus(GRACE);
        for (Iterator<Retired> it = pending.iterator(); it.hasNext();) {
            Retired retired = it.next();
            if (retired.refersTo(null) || retired.retiredAt.isAfter(countsFrom)) {
                continue;
            }
            retired.collectionsSurvived++;
            if (retired.collectionsSurvived >= COLLECTIONS_TO_CONVICT) {
                it.remove();
                retired.clear();
                counts.merge(retired.function, LoaderCounts.NONE, (old, none) -> old.plusLeaked());
                LOG.log(Level.WARNING, () -> "Function " + retired.function + " generation " + retired.generation
                        + " leaked its class loader " + retired.loaderName + ": it is still reachable after "
                        + COLLECTIONS_TO_CONVICT + " full garbage collections since it was retired. Something"
                        + " outside the function still refers to its classes: a thread it started that ignores"
                        + " interrupts, a value it left in a JDK-wide registry (system properties, shutdown hooks,"
                        + " a ThreadLocal of a shared thread). A heap dump (jcmd <pid> GC.heap_dump) shows the path"
                        + " to the loader named " + retired.loaderName + ".");
            }
        }
    }

    /** Counts retired loaders the collector has freed, as the reference queue reports them. */
    private void freed() {
        for (Reference<? extends ClassLoader> ref = queue.poll(); ref != null; ref = queue.poll()) {
            Retired retired = (Retired) ref;
            if (pending.remove(retired)) {
                counts.merge(retired.function, LoaderCounts.NONE, (old, none) -> old.plusUnloaded());
            }
        }
        for (Iterator<Retired> it = pending.iterator(); it.hasNext();) {
            Retired retired = it.next();
            if (retired.refersTo(null)) {
                it.remove();
                counts.merge(retired.function, LoaderCounts.NONE, (old, none) -> old.plusUnloaded());
            }
        }
    }

    /** The counts of one function ({@code name.namespace}); zeros if it never retired a loader. */
    public synchronized LoaderCounts counts(String function) {
        freed();
        return counts.getOrDefault(function, LoaderCounts.NONE);
    }

    /** The counts of every function that retired a loader, by {@code name.namespace}. */
    public synchronized Map<String, LoaderCounts> counts() {
        freed();
        return new TreeMap<>(counts);
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
