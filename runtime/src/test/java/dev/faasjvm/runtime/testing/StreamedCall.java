package dev.faasjvm.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A call whose response body the test reads as it arrives (the JDK client's
 * {@code BodyHandlers.ofInputStream}), each read bounded with Awaitility, so a test can prove that a
 * part of the body came before the function finished.
 */
public final class StreamedCall {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpResponse<InputStream> response;

    private StreamedCall(HttpResponse<InputStream> response) {
        this.response = response;
    }

    /** A GET to {@code path}; returns once status and headers have arrived. */
    public static StreamedCall open(TestServer server, String path) {
        CompletableFuture<HttpResponse<InputStream>> call = server.client().sendAsync(
                server.authenticated(HttpRequest.newBuilder(server.uri(path)).GET()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Awaits.atMost(WAIT).until(call::isDone);
        return new StreamedCall(call.join());
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** Reads exactly as many bytes as {@code expected} has in UTF-8, and returns them as text. */
    public String read(String expected) {
        int length = expected.getBytes(StandardCharsets.UTF_8).length;
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(response.body().readNBytes(length), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Awaits.atMost(WAIT).until(read::isDone);
        return read.join();
    }

    /** Reads to the end: the rest of the body, or the failure that cut it off. */
    public CompletableFuture<String> rest() {
        CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (InputStream body = response.body()) {
                body.transferTo(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        });
        Awaits.atMost(WAIT).until(rest::isDone);
        return rest;
    }

    /** The failure that ended {@code rest}, or null when it ended normally. */
    public static Throwable failureOf(CompletableFuture<String> rest) {
        try {
            rest.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
