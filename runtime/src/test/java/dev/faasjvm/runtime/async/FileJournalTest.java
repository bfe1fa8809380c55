package dev.faasjvm.runtime.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileJournalTest {
    @TempDir
    Path dir;

    private static AsyncCall call(long seq) {
        return new AsyncCall(seq, "call-" + seq, "echo", "openfaas-fn", "POST", "/a", "x=1",
                Map.of("Content-Type", List.of("text/plain")), ("body " + seq).getBytes(StandardCharsets.UTF_8),
                "http://127.0.0.1:1/cb", 1000 + seq, 0);
    }

    @Test
    void reopened_holdsTheQueuedCallsInOrder_andTheDeadLetters_withoutTheDoneOnes() throws IOException {
        try (FileJournal journal = FileJournal.open(dir)) {
            for (long seq = 1; seq <= 4; seq++) {
                journal.record(new JournalChange.Enqueued(call(seq))).join();
            }
            journal.note(new JournalChange.Done(2));
            journal.note(new JournalChange.Attempted(3, 2));
            journal.record(new JournalChange.Dead(new DeadLetter(call(4).withAttempts(5), 500, "boom", "gave up", 9)))
                    .join();
        }

        JournalState state;
        try (FileJournal journal = FileJournal.open(dir)) {
            state = journal.load();
        }

        assertEquals(List.of(1L, 3L), state.queued().stream().map(AsyncCall::seq).toList());
        assertEquals(2, state.queued().get(1).attempts());
        assertEquals("body 1", new String(state.queued().get(0).body(), StandardCharsets.UTF_8));
        assertEquals(List.of("text/plain"), state.queued().get(0).headers().get("content-type"));
        assertEquals(1, state.deadLetters().size());
        assertEquals(500, state.deadLetters().get(0).lastStatus());
        assertEquals(4, state.lastSeq());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve(FileJournal.FILE))), "it holds request headers and bodies");
    }

    @Test
    void recordCutShortByACrash_isDiscarded_andTheJournalStaysUsable() throws IOException {
        try (FileJournal journal = FileJournal.open(dir)) {
            journal.record(new JournalChange.Enqueued(call(1))).join();
        }
        byte[] whole = JournalCodec.encode(new JournalChange.Enqueued(call(2)));
        Files.write(dir.resolve(FileJournal.FILE), java.util.Arrays.copyOf(whole, whole.length / 2),
                StandardOpenOption.APPEND);

        try (FileJournal journal = FileJournal.open(dir)) {
            assertEquals(List.of(1L), journal.load().queued().stream().map(AsyncCall::seq).toList());
            journal.record(new JournalChange.Enqueued(call(3))).join();
        }

        try (FileJournal journal = FileJournal.open(dir)) {
            assertEquals(List.of(1L, 3L), journal.load().queued().stream().map(AsyncCall::seq).toList());
        }
    }

    @Test
    void manyConcurrentRecords_shareFsyncs() throws Exception {
        int callers = 64;
        int each = 50;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        long syncs;
        try (FileJournal journal = FileJournal.open(dir)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                int first = caller * each;
                done.add(CompletableFuture.runAsync(() -> {
                    for (int i = 1; i <= each; i++) {
                        journal.record(new JournalChange.Enqueued(call(first + i))).join();
                    }
                }, threads));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
            syncs = journal.syncs();
        } finally {
            threads.shutdownNow();
        }

        try (FileJournal journal = FileJournal.open(dir)) {
            assertEquals(callers * each, journal.load().queued().size());
        }
        assertTrue(syncs < callers * each / 4, syncs + " fsyncs for " + callers * each + " records");
    }

    @Test
    void grownJournal_isCompactedToWhatIsLive() throws IOException {
        try (FileJournal journal = FileJournal.open(dir, 16 * 1024)) {
            for (long seq = 1; seq <= 400; seq++) {
                journal.record(new JournalChange.Enqueued(call(seq))).join();
                if (seq > 2) {
                    journal.record(new JournalChange.Done(seq)).join();
                }
            }
        }
        long size = Files.size(dir.resolve(FileJournal.FILE));

        try (FileJournal journal = FileJournal.open(dir)) {
            assertEquals(List.of(1L, 2L), journal.load().queued().stream().map(AsyncCall::seq).toList());
        }
        assertTrue(size < 16 * 1024, "compacted to " + size + " bytes");
    }
}
