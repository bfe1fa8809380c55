package dev.faasjvm.runtime.unload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Gc;
import dev.faasjvm.runtime.testing.MutableClock;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class LeakDetectorTest {
    private final MutableClock clock = new MutableClock();
    private final LeakDetector detector = LeakDetector.withoutNotifications(clock);
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (warnings) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger(LeakDetector.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(LeakDetector.class.getName()).removeHandler(capture);
    }

    @Test
    void reachableLoader_afterTwoCollectionsPastGrace_isOneLeakLoggedOnce() {
        ClassLoader held = loader("fn#7");
        detector.track("fn.ns", 7, held);
        clock.advance(LeakDetector.GRACE);

        detector.fullCollectionEnded();
        assertEquals(0, detector.counts("fn.ns").leaked(), "one collection is not enough");
        detector.fullCollectionEnded();
        detector.fullCollectionEnded();

        assertEquals(new LoaderCounts(1, 0, 1), detector.counts("fn.ns"));
        assertEquals(1, warnings.size());
        String message = warnings.get(0).getMessage();
        assertTrue(message.contains("fn.ns generation 7") && message.contains("fn#7"), message);
        assertTrue(held.getName().equals("fn#7"), "still held here, so it really leaked");
    }

    @Test
    void reachableLoader_collectionsWithinGrace_doNotCount() {
        ClassLoader held = loader("fn#1");
        detector.track("fn.ns", 1, held);

        detector.fullCollectionEnded();
        detector.fullCollectionEnded();
        clock.advance(LeakDetector.GRACE);
        detector.fullCollectionEnded();

        assertEquals(0, detector.counts("fn.ns").leaked());
        assertEquals(1, detector.counts("fn.ns").pending());
    }

    @Test
    void freedLoader_isCountedUnloadedAndNeverLeaked() {
        detector.track("fn.ns", 1, loader("fn#1"));
        clock.advance(LeakDetector.GRACE);

        Awaits.atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Gc.collectGarbageForTest();
            return detector.counts("fn.ns").unloaded() == 1;
        });
        detector.fullCollectionEnded();
        detector.fullCollectionEnded();

        assertEquals(new LoaderCounts(1, 1, 0), detector.counts("fn.ns"));
        assertEquals(List.of(), warnings);
    }

    @Test
    void counts_keepDeletedFunctionsApart() {
        detector.track("a.ns", 1, loader("a#1"));
        detector.track("b.ns", 2, loader("b#2"));
        detector.track("b.ns", 3, loader("b#3"));

        assertEquals(1, detector.counts().get("a.ns").retired());
        assertEquals(2, detector.counts().get("b.ns").retired());
        assertEquals(LoaderCounts.NONE, detector.counts("c.ns"));
    }

    private static ClassLoader loader(String name) {
        return new URLClassLoader(name, new URL[0], null);
    }
}
