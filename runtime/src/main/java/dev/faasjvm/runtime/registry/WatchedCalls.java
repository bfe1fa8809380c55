package dev.faasjvm.runtime.registry;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.Arrays;

/**
 * The calls the {@link Watchdog} watches: slots in chunks that never move, so that watching a
 * call is one compare-and-set on a free slot and unwatching it one write, with no allocation and
 * no shared counter. Each thread starts looking for a free slot at a place of its own, so two
 * threads rarely write the same cache line. Chunks are added, never removed, when every slot is
 * taken: there are as many as calls ever ran at once. Thread-safe.
 *
 * <p>Why not a concurrent set: adding and removing a call from a {@code ConcurrentHashMap} key
 * set on every call (hashing, a node, its size counter) was 3% of a never-blocking call's CPU.
 */
final class WatchedCalls {
    private static final int CHUNK = 256;
    /** Slots between two threads' starting places: 16 references, one or two 64-byte lines. */
    private static final int SPREAD = 16;

    private volatile AtomicReferenceArray<Call>[] chunks = newChunks(1);

    @SuppressWarnings("unchecked")
    private static AtomicReferenceArray<Call>[] newChunks(int count) {
        AtomicReferenceArray<Call>[] chunks = new AtomicReferenceArray[count];
        for (int i = 0; i < count; i++) {
            chunks[i] = new AtomicReferenceArray<>(CHUNK);
        }
        return chunks;
    }

    /** Takes a free slot for {@code call}; answers the slot, which {@link #remove} needs. */
    int add(Call call) {
        while (true) {
            AtomicReferenceArray<Call>[] current = chunks;
            int slots = current.length * CHUNK;
            int start = (int) (Thread.currentThread().getId() * SPREAD % slots);
            for (int i = 0; i < slots; i++) {
                int slot = (start + i) % slots;
                AtomicReferenceArray<Call> chunk = current[slot / CHUNK];
                if (chunk.get(slot % CHUNK) == null && chunk.compareAndSet(slot % CHUNK, null, call)) {
                    return slot;
                }
            }
            grow(current);
        }
    }

    /** Frees the slot of {@code call}; false if it no longer held it. */
    boolean remove(int slot, Call call) {
        return chunks[slot / CHUNK].compareAndSet(slot % CHUNK, call, null);
    }

    /** Calls {@code action} with every call watched now, with the slot it is in. */
    void forEach(SlotAction action) {
        AtomicReferenceArray<Call>[] current = chunks;
        for (int c = 0; c < current.length; c++) {
            for (int i = 0; i < CHUNK; i++) {
                Call call = current[c].get(i);
                if (call != null) {
                    action.accept(c * CHUNK + i, call);
                }
            }
        }
    }

    /** What {@link #forEach} calls. */
    interface SlotAction {
        void accept(int slot, Call call);
    }

    private synchronized void grow(AtomicReferenceArray<Call>[] seen) {
        if (chunks != seen) {
            return; // another thread grew it meanwhile
        }
        AtomicReferenceArray<Call>[] grown = Arrays.copyOf(seen, seen.length + 1);
        grown[seen.length] = new AtomicReferenceArray<>(CHUNK);
        chunks = grown;
    }
}
