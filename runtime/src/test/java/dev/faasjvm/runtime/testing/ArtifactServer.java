package dev.faasjvm.runtime.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP server on loopback, port 0, that serves artifacts to the runtime under test and can
 * misbehave on purpose: answer an error status, never answer, stall mid-body, omit the length.
 * Counts requests per path and honours {@code If-None-Match} (each artifact's ETag is its length
 * and hash code). Started before each test and stopped after; a stalled exchange is released then.
 * Register with {@code @RegisterExtension final ArtifactServer artifacts = ArtifactServer.create();}.
 */
public final class ArtifactServer implements BeforeEachCallback, AfterEachCallback {
    /** How a path answers. */
    private interface Behaviour {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final Map<String, Behaviour> paths = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fullAnswers = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService executor;

    private ArtifactServer() {
    }

    public static ArtifactServer create() {
        return new ArtifactServer();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }

    /** Stops serving: later connections are refused. */
    public void stop() {
        released.countDown();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** The URI of {@code path} on this server, e.g. {@code uri("/echo.jar")}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Serves {@code body} at {@code path} with a length and an ETag. */
    public ArtifactServer serve(String path, byte[] body) {
        String etag = "\"" + body.length + "-" + java.util.Arrays.hashCode(body) + "\"";
        paths.put(path, exchange -> {
            exchange.getResponseHeaders().set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            fullAnswers.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        return this;
    }

    /** Serves {@code body} at {@code path} in chunks, without a length. */
    public ArtifactServer serveChunked(String path, byte[] body) {
        paths.put(path, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(body);
        });
        return this;
    }

    /** Answers {@code status} with a short body at {@code path}. */
    public ArtifactServer fail(String path, int status) {
        paths.put(path, exchange -> {
            byte[] body = ("status " + status).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        });
        return this;
    }

    /** Accepts requests at {@code path} and never answers (until the test ends). */
    public ArtifactServer neverAnswer(String path) {
        paths.put(path, exchange -> released.await());
        return this;
    }

    /** Sends the headers and the first {@code sent} bytes of a longer body, then stalls (until the test ends). */
    public ArtifactServer stallAfter(String path, byte[] body, int sent) {
        paths.put(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, sent);
            out.flush();
            released.await();
        });
        return this;
    }

    /** How many requests reached {@code path}. */
    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many requests to {@code path} were answered with the whole body (not 304). */
    public int fullAnswers(String path) {
        AtomicInteger count = fullAnswers.get(path);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            Behaviour behaviour = paths.get(path);
            if (behaviour == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            behaviour.answer(exchange);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
