package dev.faasjvm.runtime.unload;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Tells when the JVM has finished a collection of the whole heap, through the notifications of the
 * platform's garbage-collector MXBeans. Only collectors that trace the whole heap count: G1's and
 * Parallel's full collections, Serial's mark-sweep, and ZGC's and Shenandoah's (major) cycles;
 * young collections, and G1's concurrent cycles (whose start cannot be told from their pauses'
 * notifications), do not. Stateless.
 */
final class FullCollections {
    private static final String NOTIFICATION = "com.sun.management.gc.notification";

    private FullCollections() {
    }

    static boolean isFull(String collectorName) {
        return collectorName.contains("Old") || collectorName.contains("MarkSweep")
                || collectorName.equals("ZGC Cycles") || collectorName.equals("ZGC Major Cycles")
                || collectorName.equals("Shenandoah Cycles");
    }

    /** Runs {@code onCollection} after every full collection; the returned action stops that. */
    static Runnable subscribe(Runnable onCollection) {
        NotificationListener listener = (notification, handback) -> {
            if (NOTIFICATION.equals(notification.getType())) {
                onCollection.run();
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (isFull(collector.getName()) && collector instanceof NotificationEmitter) {
                NotificationEmitter emitter = (NotificationEmitter) collector;
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        return () -> emitters.forEach(emitter -> {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException alreadyRemoved) {
                // removing twice is harmless
            }
        });
    }
}
