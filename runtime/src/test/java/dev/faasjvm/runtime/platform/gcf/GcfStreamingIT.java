package dev.faasjvm.runtime.platform.gcf;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.faasjvm.runtime.testing.StreamedCall;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Google Cloud Functions {@code HttpFunction} whose {@code HttpResponse} streams (issue 14): the
 * caller reads the part the function flushed while the function still waits, status and headers
 * set before the flush arrive and those set after are ignored, as Google's invoker does; a throw
 * after the flush cuts the stream off instead of faking a complete answer.
 */
final class GcfStreamingIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @BeforeEach
    void deploy() {
        server.deploy("gcfstream", "gcfstream");
    }

    @Test
    void flushedPart_arrivesBeforeTheFunctionGoesOn_withTheHeadersSetBeforeTheFlush() {
        StreamedCall call = StreamedCall.open(server, "/function/gcfstream?wait=one");
        HttpResponse<?> response = call.response();

        assertEquals("first\n", call.read("first\n"), "the flushed part, while the function still waits");
        assertEquals("released", server.get("/function/gcfstream?release=one").body());
        CompletableFuture<String> rest = call.rest();
        assertAll(
                () -> assertEquals(201, response.statusCode()),
                () -> assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElse("")),
                () -> assertEquals("sent", response.headers().firstValue("X-Before-Flush").orElse("")),
                () -> assertFalse(response.headers().firstValue("X-After-Flush").isPresent(), "ignored after the commit"),
                () -> assertFalse(response.headers().firstValue("Content-Length").isPresent(), "streamed, not sized"),
                () -> assertEquals("second\n", rest.join()));
    }

    @Test
    void throwAfterTheFlush_abortsTheStream() {
        StreamedCall call = StreamedCall.open(server, "/function/gcfstream?wait=two&then=fail");
        assertEquals("first\n", call.read("first\n"));

        server.get("/function/gcfstream?release=two");
        Throwable failure = StreamedCall.failureOf(call.rest());

        assertNotNull(failure, "the body must not end as if complete");
        assertInstanceOf(UncheckedIOException.class, failure);
        assertEquals(201, call.response().statusCode());
    }

    @Test
    void unflushedAnswer_isSentWholeWithItsLength() {
        HttpResponse<String> response = server.get("/function/gcfstream?release=three");

        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals("released", response.body()),
                () -> assertEquals("8", response.headers().firstValue("Content-Length").orElse("")));
    }
}
