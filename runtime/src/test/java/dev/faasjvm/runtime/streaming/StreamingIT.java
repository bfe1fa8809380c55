package dev.faasjvm.runtime.streaming;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.CallbackReceiver;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.StreamedCall;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A faas-jvm {@code StreamingFunctionHandler} over real HTTP (issue 14): its flushed part reaches
 * the caller while it still runs, on one of its replica's threads even when it declared it never
 * blocks; a timeout after the commit cuts the stream off and is counted with the status that was
 * sent; a queued call collects the whole answer.
 */
final class StreamingIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void flushedPart_arrivesWhileTheFunctionWaits_andTheRestFollows() {
        server.deploy("stream", "stream");

        StreamedCall call = StreamedCall.open(server, "/function/stream?wait=one");

        assertEquals("tick 1\n", call.read("tick 1\n"));
        assertEquals("released", server.get("/function/stream?release=one").body());
        CompletableFuture<String> rest = call.rest();
        HttpResponse<?> response = call.response();
        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals("text/plain", response.headers().firstValue("Content-Type").orElse("")),
                () -> assertTrue(response.headers().firstValue("X-Duration-Seconds").isPresent()),
                () -> assertTrue(response.headers().firstValue("X-Call-Id").isPresent()),
                () -> assertEquals("tick 2\n", rest.join()));
    }

    @Test
    void neverBlocksFunction_streamsFromItsReplicaThreads_notTheServers() {
        server.deployJson("{\"service\":\"direct\",\"image\":\"" + Samples.jar("stream").toUri()
                + "\",\"annotations\":{\"dev.faasjvm.never-blocks\":\"true\"}}");
        server.get("/function/direct?release=warm"); // a replica's first call runs on its threads in any mode

        HttpResponse<String> response = server.get("/function/direct?release=again");

        assertEquals(200, response.statusCode(), response.body());
        String thread = response.headers().firstValue("X-Thread").orElse("");
        assertTrue(thread.startsWith("fn-direct-"), thread);
    }

    @Test
    void timeoutAfterTheCommit_abortsTheStream_andCountsTheStatusSent() {
        server.deployJson("{\"service\":\"hang\",\"image\":\"" + Samples.jar("stream").toUri()
                + "\",\"envVars\":{\"exec_timeout\":\"500ms\"}}");

        StreamedCall call = StreamedCall.open(server, "/function/hang?wait=two&then=hang");
        assertEquals("tick 1\n", call.read("tick 1\n"));
        Throwable failure = StreamedCall.failureOf(call.rest());

        assertInstanceOf(UncheckedIOException.class, failure, "the body must not end as if complete");
        String metrics = server.get("/metrics").body();
        assertAll(
                () -> assertEquals(200, call.response().statusCode()),
                () -> assertTrue(metrics.contains(
                        "gateway_function_invocation_total{code=\"200\",function_name=\"hang.openfaas-fn\"} 1"), metrics),
                () -> assertTrue(metrics.contains("faasjvm_function_aborted_total{function_name=\"hang.openfaas-fn\"} 1"),
                        metrics));
    }

    @Test
    void queuedCall_collectsTheWholeAnswer() throws Exception {
        server.deploy("queued", "stream");
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            HttpResponse<String> accepted = server.send(HttpRequest.newBuilder(server.uri("/async-function/queued?wait=three"))
                    .header("X-Callback-Url", receiver.url("/done")).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(202, accepted.statusCode(), accepted.body());

            server.get("/function/queued?release=three");

            CallbackReceiver.Received result = receiver.await(1, WAIT).get(0);
            assertEquals("tick 1\ntick 2\n", result.body());
        }
    }
}
