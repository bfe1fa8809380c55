package dev.faasjvm.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.testing.AllAtOnce;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void threadsWatchingAndUnwatchingAtOnce_neverLoseOrShareASlot() throws Exception {
        WatchedCalls watched = new WatchedCalls();
        int threads = 8;
        List<Call> kept = Collections.synchronizedList(new ArrayList<>());
        AllAtOnce.run(threads, () -> {
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
