package dev.faasjvm.runtime.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on an ephemeral loopback port that records every request posted to it, as
 * the receiver of {@code X-Callback-Url} results: a JDK {@code HttpServer}, answering 200 (or,
 * for the first {@link #failFirst} posts, 503). Close it after the test.
 */
public final class CallbackReceiver implements AutoCloseable {
    /**
     * One request as received: method, headers (case-insensitive, first value), body, and
     * {@link System#nanoTime()} when it had been read.
     */
    public record Received(String method, Map<String, String> headers, String body, long nanos) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();

    private CallbackReceiver(int failFirst) throws IOException {
        refusals.set(failFirst);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = refusals.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                received.add(new Received(exchange.getRequestMethod(), headers, body, System.nanoTime()));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    /** A receiver that accepts every post. */
    public static CallbackReceiver start() throws IOException {
        return new CallbackReceiver(0);
    }

    /** A receiver that answers 503 to its first {@code refusals} posts, then accepts. */
    public static CallbackReceiver failFirst(int refusals) throws IOException {
        return new CallbackReceiver(refusals);
    }

    /** Where to post, e.g. {@code url("/done")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every accepted post so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until {@code count} posts were accepted and answers them, in arrival order. */
    public List<Received> await(int count, Duration atMost) {
        Awaits.atMost(atMost).until(() -> received.size() >= count);
        return received();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
