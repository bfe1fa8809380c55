package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No number of slow or long admin requests can stop the server (issue 10): 250 log streams that
 * follow and 250 request bodies that trickle in leave {@code /healthz}, {@code /function/*},
 * {@code /metrics} and other admin requests answering; followers beyond {@code --max-log-followers}
 * get 503; {@code --read-timeout} bounds a body however slowly it comes. Raw sockets, so that each
 * slow client is exactly as slow as the test says.
 */
@Timeout(120)
final class StarvationIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SLOW_CLIENTS = 250;

    @RegisterExtension
    final TestServer server = TestServer.withOptions("--read-timeout", "2s", "--max-log-followers", "300");

    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void closeSockets() throws IOException {
        trickle.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void manyFollowersAndSlowUploads_leaveEveryOtherRouteAnswering() throws Exception {
        server.deploy("echo", "echo");
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            open("GET /system/logs?name=echo&follow=true HTTP/1.1\r\n" + auth() + "\r\n");
            open("POST /system/secrets HTTP/1.1\r\n" + auth() + "Content-Length: 1000\r\n\r\n{");
        }
        Awaits.atMost(WAIT).until(() -> server.logFollowers("echo") == SLOW_CLIENTS);

        assertAll(
                () -> assertEquals(200, timed("/healthz").statusCode()),
                () -> assertEquals("hi", server.client().send(HttpRequest.newBuilder(server.uri("/function/echo"))
                        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()),
                () -> assertEquals(200, timed("/metrics").statusCode()),
                () -> assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/system/functions"))
                        .timeout(Duration.ofSeconds(5))).statusCode()));
    }

    @Test
    void followersBeyondTheLimit_get503_andAFollowTheClientEnds_countsAs200() throws Exception {
        server.deploy("echo", "echo");
        for (int i = 0; i < 300; i++) {
            open("GET /system/logs?name=echo&follow=true HTTP/1.1\r\n" + auth() + "\r\n");
        }
        Awaits.atMost(WAIT).until(() -> server.logFollowers("echo") == 300);

        HttpResponse<String> refused = server.get("/system/logs?name=echo&follow=true");

        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("--max-log-followers"), refused.body());
        sockets.get(0).close();
        Awaits.atMost(WAIT).until(() -> server.logFollowers("echo") == 299);
        Awaits.atMost(WAIT).until(() -> timed("/metrics").body().contains(
                "provider_http_requests_total{code=\"200\",method=\"GET\",path=\"/system/logs\"} 1"));
        assertTrue(!timed("/metrics").body().contains("code=\"500\",method=\"GET\",path=\"/system/logs\""),
                "a stream the client ended is not a server error");
    }

    @Test
    void bodyTricklingPastTheReadTimeout_is408_evenThoughBytesKeepComing() throws Exception {
        Socket slow = open("POST /system/secrets HTTP/1.1\r\n" + auth() + "Content-Length: 1000\r\n\r\n{");
        OutputStream out = slow.getOutputStream();
        trickle.scheduleAtFixedRate(() -> {
            try {
                out.write(' ');
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e); // the server closed it: stop trickling
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        slow.setSoTimeout(15_000);

        String status = statusLine(slow.getInputStream());

        assertTrue(status.startsWith("HTTP/1.1 408"), status);
    }

    @Test
    void logsWithoutName_is400() {
        HttpResponse<String> response = server.get("/system/logs");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("name is required"), response.body());
    }

    private Socket open(String request) throws IOException {
        Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort());
        sockets.add(socket);
        socket.getOutputStream().write(("" + request).replaceFirst("HTTP/1.1\r\n", "HTTP/1.1\r\nHost: localhost\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String auth() {
        return "Authorization: " + TestServer.CREDENTIALS.header() + "\r\n";
    }

    private HttpResponse<String> timed(String path) throws IOException, InterruptedException {
        return server.client().send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
