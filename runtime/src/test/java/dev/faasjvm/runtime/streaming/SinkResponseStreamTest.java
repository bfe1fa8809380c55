package dev.faasjvm.runtime.streaming;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.ResponseSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a streamed response commits, what it sends, and what it answers when the handler returns. */
final class SinkResponseStreamTest {

    /** A sink that keeps what it is sent, and refuses commits once {@link #answered} is set. */
    private static final class Recorder implements ResponseSink {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        boolean answered;
        int status;

        @Override
        public boolean commit(int committed, Map<String, List<String>> headers) {
            if (answered) {
                return false;
            }
            status = committed;
            events.add("commit " + committed + " " + headers);
            return true;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            events.add("write " + length);
            sent.write(bytes, offset, length);
        }

        @Override
        public int settle() {
            return status;
        }
    }

    @Test
    void flush_commitsStatusAndHeaders_thenSendsTheBody() throws IOException {
        Recorder sink = new Recorder();
        SinkResponseStream stream = new SinkResponseStream(sink);
        stream.setStatus(201);
        stream.addHeader("X-A", "1");
        stream.body().write("first".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), sink.events, "nothing is sent before the flush");

        stream.body().flush();
        stream.body().write("second".getBytes(StandardCharsets.UTF_8));
        FunctionResponse answer = stream.finish();

        assertAll(
                () -> assertEquals(List.of("commit 201 {X-A=[1]}", "write 5", "write 6"), sink.events),
                () -> assertEquals("firstsecond", sink.sent.toString(StandardCharsets.UTF_8)),
                () -> assertEquals(0, answer.body().length, "the body went through the sink"),
                () -> assertThrows(IllegalStateException.class, () -> stream.setStatus(500)),
                () -> assertThrows(IllegalStateException.class, () -> stream.addHeader("X-B", "2")),
                () -> assertThrows(IllegalStateException.class, () -> stream.setHeader("X-A", "2")));
    }

    @Test
    void fullBuffer_commitsWithoutAFlush() throws IOException {
        Recorder sink = new Recorder();
        SinkResponseStream stream = new SinkResponseStream(sink);

        stream.body().write(new byte[SinkResponseStream.BUFFER]);
        assertFalse(stream.isCommitted(), "a full buffer is still held");
        stream.body().write(1);

        assertTrue(stream.isCommitted());
        assertEquals(List.of("commit 200 {}", "write " + SinkResponseStream.BUFFER), sink.events);
    }

    @Test
    void neverFlushed_isAnsweredWhole() throws IOException {
        Recorder sink = new Recorder();
        SinkResponseStream stream = new SinkResponseStream(sink);
        stream.setHeader("Content-Type", "text/plain");
        stream.body().write("all".getBytes(StandardCharsets.UTF_8));

        FunctionResponse answer = stream.finish();

        assertEquals(List.of(), sink.events);
        assertEquals(new FunctionResponse(200, Map.of("Content-Type", List.of("text/plain")),
                "all".getBytes(StandardCharsets.UTF_8)), answer);
    }

    @Test
    void callAlreadyAnswered_theFlushThrows() {
        Recorder sink = new Recorder();
        sink.answered = true;
        SinkResponseStream stream = new SinkResponseStream(sink);

        IOException refused = assertThrows(IOException.class, () -> stream.body().flush());

        assertTrue(refused.getMessage().contains("already been answered"), refused.getMessage());
    }

    @Test
    void noSink_neverCommits_andCollectsEverything() throws IOException {
        SinkResponseStream stream = new SinkResponseStream(ResponseSink.NONE);
        byte[] big = new byte[3 * SinkResponseStream.BUFFER];
        big[big.length - 1] = 7;

        stream.body().write(big);
        stream.body().flush();
        stream.setStatus(202);

        FunctionResponse answer = stream.finish();
        assertFalse(stream.isCommitted());
        assertEquals(202, answer.status());
        assertArrayEquals(big, answer.body());
    }
}
