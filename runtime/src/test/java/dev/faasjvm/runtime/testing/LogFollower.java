package dev.faasjvm.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client of {@code GET /system/logs} that reads the NDJSON stream on its own thread, so a test
 * can wait for lines with {@link Awaits} instead of blocking on a read. {@link #close()} hangs up,
 * as a user pressing Ctrl-C on {@code faas-cli logs} would.
 */
public final class LogFollower implements AutoCloseable {
    private final HttpResponse<InputStream> response;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private LogFollower(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "test-log-follower");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code /system/logs?<query>} with the server's credentials; returns once the headers arrived. */
    public static LogFollower open(TestServer server, String query) throws IOException, InterruptedException {
        HttpRequest.Builder request = server.authenticated(HttpRequest.newBuilder(server.uri("/system/logs?" + query)));
        return new LogFollower(server.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The lines read so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether the server ended the stream. */
    public boolean hasEnded() {
        return ended;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by close(), or the connection broke: either way the stream is over
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
