package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --read-timeout} bounds a request's headers, not only its body, independently of
 * {@code --write-timeout} (issue 10): a client trickling its headers a byte every 50 ms gets 408
 * and a closed connection soon after 500 ms (counted as no request of any route), although every
 * byte restarts the idle timeout (60 s here, the write timeout), while other connections are
 * served; a keep-alive connection idle between requests for longer than the read timeout is not
 * cut. Raw sockets, so that the client is exactly as slow as the test says.
 */
@Timeout(60)
final class HeadersReadTimeoutIT {
    @RegisterExtension
    final TestServer server = TestServer.withOptions("--read-timeout", "500ms", "--write-timeout", "60s");

    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTrickling() {
        trickle.shutdownNow();
    }

    @Test
    void headersTricklingPastTheReadTimeout_get408AndClose_whileOthersAreServed() throws Exception {
        try (Socket slow = socket()) {
            byte[] request = ("GET /system/functions HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(400)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = slow.getOutputStream();
            int[] sent = {0};
            trickle.scheduleAtFixedRate(() -> {
                try {
                    if (sent[0] < request.length) {
                        out.write(request[sent[0]++]);
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e); // the server closed it: stop trickling
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> statusLineOrClosed(slow));

            assertEquals(200, server.get("/healthz").statusCode(), "another connection is served meanwhile");
            Awaits.atMost(Duration.ofSeconds(5)).until(answer::isDone);

            String status = answer.get();
            assertTrue(status.startsWith("HTTP/1.1 408") || status.equals("closed"), status);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(400)) > 0, "not before the read timeout: " + took);
            assertTrue(sent[0] < request.length, "the headers never completed: " + sent[0] + " bytes sent");
        }
        assertEquals(200, server.get("/healthz").statusCode());
        String metrics = server.get("/metrics").body();
        assertFalse(metrics.contains("path=\"/system/functions\""), "the request reached no handler: " + metrics);
    }

    @Test
    void keepAliveConnectionIdleLongerThanTheReadTimeout_staysOpen() throws Exception {
        try (Socket socket = socket()) {
            String request = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertTrue(statusLine(in).startsWith("HTTP/1.1 200"));
            skipResponseRest(in);
            CompletableFuture<Integer> closed = CompletableFuture.supplyAsync(() -> readOne(socket));

            Awaits.atMost(Duration.ofSeconds(3)).during(Duration.ofMillis(1200)).until(() -> !closed.isDone());

            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertEquals('H', (int) closed.get(5, TimeUnit.SECONDS), "the next answer arrives on the same connection");
            assertTrue(statusLine(in).startsWith("TTP/1.1 200"));
        }
    }

    private Socket socket() throws IOException {
        Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort());
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** The status line, or "closed" when the server closed (or reset) without an answer. */
    private static String statusLineOrClosed(Socket socket) {
        try {
            String line = statusLine(socket.getInputStream());
            return line.isEmpty() ? "closed" : line;
        } catch (IOException e) {
            assertFalse(e instanceof java.net.SocketTimeoutException, "no answer within 15 s");
            return "closed";
        }
    }

    private static int readOne(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** Reads the rest of a response with a Content-Length, up to its body's end. */
    private static void skipResponseRest(InputStream in) throws IOException {
        int length = 0;
        for (String line = statusLine(in); !line.isEmpty(); line = statusLine(in)) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        assertEquals(length, in.readNBytes(length).length);
    }
}
