package dev.faasjvm.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.backend.Invocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class WatchedCallsTest {
    @Test
    void calls_areSeenWhileWatched_inDistinctSlots_andGoneOnceRemoved_pastOneChunk() {
        WatchedCalls watched = new WatchedCalls();
        List<Call> calls = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // more than two chunks
            Call call = call();
            calls.add(call);
            slots.add(watched.add(call));
        }
        assertEquals(600, new HashSet<>(slots).size(), "one slot each");
        assertEquals(identities(calls), seen(watched));

        for (int i = 0; i < 600; i += 2) {
            assertTrue(watched.remove(slots.get(i), calls.get(i)));
        }
        assertFalse(watched.remove(slots.get(0), calls.get(0)), "already gone");
        assertFalse(watched.remove(slots.get(1), calls.get(3)), "a slot is freed only by its own call");
        List<Call> left = new ArrayList<>();
        for (int i = 1; i < 600; i += 2) {
            left.add(calls.get(i));
        }
        assertEquals(identities(left), seen(watched));
    }

    @Test
    void threadsWatchingAndUnwatchingAtOnce_neverLoseOrShareASlot() throws InterruptedException {
        WatchedCalls watched = new WatchedCalls();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Call> kept = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    Call call = call();
                    int slot = watched.add(call);
                    if (i % 1000 == 0) {
                        kept.add(call); // left watched
                    } else if (!watched.remove(slot, call)) {
                        throw new AssertionError("a watched call lost its slot");
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(threads * 20, kept.size());
        assertEquals(identities(kept), seen(watched));
    }

    private static Set<Call> seen(WatchedCalls watched) {
        Set<Call> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        watched.forEach((slot, call) -> assertTrue(seen.add(call), "seen twice"));
        return seen;
    }

    private static Set<Call> identities(List<Call> calls) {
        Set<Call> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(calls);
        return set;
    }

    private static Call call() {
        return new Call(null, new Invocation("GET", "/", "", Map.of(), new byte[0], "call"), false, 0);
    }
}
