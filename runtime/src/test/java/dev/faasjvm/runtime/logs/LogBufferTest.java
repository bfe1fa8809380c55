package dev.faasjvm.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.wire.LogMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ring of one function's lines and the feeds that read it. */
final class LogBufferTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final LogBuffer buffer = new LogBuffer("echo", "openfaas-fn", 3);

    @Test
    void append_pastCapacity_dropsTheOldestLines() throws Exception {
        append(1, 2, 3, 4, 5);

        assertEquals(List.of("3", "4", "5"), texts(request("", Instant.MIN, 0, false)));
    }

    @Test
    void open_withTail_returnsTheNewestLines() throws Exception {
        append(1, 2, 3);

        assertEquals(List.of("2", "3"), texts(request("", Instant.MIN, 2, false)));
    }

    @Test
    void open_withSince_returnsLinesAtOrAfterIt() throws Exception {
        append(1, 2, 3);

        assertEquals(List.of("2", "3"), texts(request("", T0.plusSeconds(2), 0, false)));
    }

    @Test
    void open_withInstance_returnsOnlyThatReplicasLines() throws Exception {
        buffer.append(new LogLine(T0, "echo-1-1", "one"));
        buffer.append(new LogLine(T0, "echo-1-2", "two"));

        assertEquals(List.of("two"), texts(request("echo-1-2", Instant.MIN, 0, false)));
    }

    @Test
    void feedThatDoesNotFollow_endsAfterTheBufferedLines() throws Exception {
        append(1);
        LogFeed feed = buffer.open(request("", Instant.MIN, 0, false), 10);

        assertEquals("1", feed.next(Duration.ZERO).orElseThrow().text());
        assertTrue(feed.isEnded());
        assertEquals(0, buffer.followerCount());
    }

    @Test
    void feedThatFollows_getsLinesAppendedAfterItOpened() throws Exception {
        append(1);
        LogFeed feed = buffer.open(request("", Instant.MIN, 0, true), 10);
        feed.next(Duration.ZERO);

        append(2);

        LogMessage next = feed.next(Duration.ofSeconds(5)).orElseThrow();
        assertEquals("2", next.text());
        assertEquals("echo", next.name());
        assertEquals("openfaas-fn", next.namespace());
        assertFalse(feed.isEnded());
    }

    @Test
    void closingAFeed_unsubscribesIt() {
        LogFeed feed = buffer.open(request("", Instant.MIN, 0, true), 10);
        assertEquals(1, buffer.followerCount());

        feed.close();

        assertEquals(0, buffer.followerCount());
        assertTrue(feed.isEnded());
    }

    @Test
    void closingTheBuffer_endsItsFeedsAfterWhatTheyHaveQueued() throws Exception {
        LogFeed feed = buffer.open(request("", Instant.MIN, 0, true), 10);
        append(1);

        buffer.close();

        assertEquals("1", feed.next(Duration.ZERO).orElseThrow().text());
        assertEquals(Optional.empty(), feed.next(Duration.ofSeconds(5)));
        assertTrue(feed.isEnded());
        assertEquals(0, buffer.followerCount());
    }

    @Test
    void slowFollower_losesWhatDoesNotFit_andNeverBlocksTheWriter() throws Exception {
        LogFeed feed = buffer.open(request("", Instant.MIN, 0, true), 2);

        append(1, 2, 3, 4);

        assertEquals("1", feed.next(Duration.ZERO).orElseThrow().text());
        assertEquals("2", feed.next(Duration.ZERO).orElseThrow().text());
        assertEquals(Optional.empty(), feed.next(Duration.ZERO));
    }

    private void append(int... seconds) {
        for (int second : seconds) {
            buffer.append(new LogLine(T0.plusSeconds(second), "echo-1-1", Integer.toString(second)));
        }
    }

    private List<String> texts(LogRequest request) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        LogFeed feed = buffer.open(request, 10);
        while (!feed.isEnded()) {
            texts.add(feed.next(Duration.ZERO).orElseThrow().text());
        }
        return texts;
    }

    private static LogRequest request(String instance, Instant since, int tail, boolean follow) {
        return new LogRequest("echo", "openfaas-fn", instance, since, tail, follow);
    }
}
