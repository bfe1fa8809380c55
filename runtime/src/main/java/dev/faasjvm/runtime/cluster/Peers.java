package dev.faasjvm.runtime.cluster;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.threads.DaemonThreads;
import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.LogMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * This node's calls to its peers: the node-to-node routes ({@link NodeRoutes}), each authenticated
 * with the cluster's node token as a bearer token, and forwarded function calls (one hop: the
 * receiving node serves a call marked {@value #FORWARDED_HEADER} itself). Thread-safe.
 */
final class Peers {
    /** Marks a forwarded call, and names the node that forwarded it. */
    static final String FORWARDED_HEADER = "X-Faas-Jvm-Forwarded-By";
    /** Headers the JDK client sets itself or that belong to one connection, not to the call. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "expect",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<String> token;
    private final String self;
    /** The threads that read followed peers' log streams: blocking reads, so not a shared pool's. */
    private final ExecutorService followers = Executors.newCachedThreadPool(DaemonThreads.named("faas-jvm-peer-logs"));

    Peers(Supplier<String> token, String self) {
        this.token = token;
        this.self = self;
    }

    /** What {@link #applied} answers when nothing listens at the peer's URL (it is down). */
    static final long REFUSED = -2;

    /**
     * Waits at most {@code wait} for a peer to have applied {@code revision}; returns the revision it
     * has applied, -1 if it did not answer, or {@link #REFUSED}.
     */
    long applied(NodeInfo node, long revision, Duration wait) {
        try {
            HttpResponse<String> response = http.send(request(node, NodeRoutes.APPLIED + "?revision=" + revision
                    + "&wait=" + wait.toMillis()).timeout(wait.plusSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Long.parseLong(response.body().strip()) : -1;
        } catch (java.net.ConnectException e) {
            return REFUSED;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Downloads an artifact by its hash from a peer into {@code artifacts}; false if the peer has not got it. */
    boolean fetchArtifact(NodeInfo node, String sha256, String extension, ClusterArtifacts artifacts) {
        try {
            HttpResponse<InputStream> response = http.send(request(node, NodeRoutes.ARTIFACTS + sha256)
                    .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return false;
                }
                artifacts.store(body, extension, sha256);
                return true;
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A peer's buffered log lines of a function, each {@code instance} prefixed with the peer's name. */
    List<LogMessage> logs(NodeInfo node, LogRequest request) {
        String query = "?name=" + encode(request.name()) + "&namespace=" + encode(request.namespace())
                + "&instance=" + encode(request.instance()) + "&tail=" + request.tail()
                + (request.since().equals(java.time.Instant.MIN) ? "" : "&since=" + encode(request.since().toString()));
        List<LogMessage> lines = new ArrayList<>();
        try {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(request(node, NodeRoutes.LOGS + query)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() == 200) {
                try (java.util.stream.Stream<String> body = response.body()) {
                    body.filter(line -> !line.isBlank()).forEach(line -> lines.add(
                            Json.read(line.getBytes(StandardCharsets.UTF_8), LogMessage.class)));
                }
            }
        } catch (IOException e) {
            // a peer that does not answer contributes no lines; its lines come back with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lines;
    }

    /** A followed peer's log stream: closing it stops it; it is over once the peer ended or refused it, or went. */
    interface PeerStream extends AutoCloseable {
        boolean isOver();

        @Override
        void close();
    }

    /**
     * Follows a peer's new log lines of a function, handing each (its {@code instance} prefixed with
     * the peer's name) to {@code sink} on a thread of its own; closing the returned handle stops it.
     */
    PeerStream follow(NodeInfo node, LogRequest request, java.util.function.Consumer<LogMessage> sink) {
        String query = "?follow=1&name=" + encode(request.name()) + "&namespace=" + encode(request.namespace())
                + "&instance=" + encode(request.instance())
                + (request.since().equals(java.time.Instant.MIN) ? "" : "&since=" + encode(request.since().toString()));
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = http.sendAsync(
                request(node, NodeRoutes.LOGS + query).GET().build(), HttpResponse.BodyHandlers.ofLines());
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        response.whenComplete((lines, unreachable) -> over.compareAndSet(false, unreachable != null));
        response.thenAcceptAsync(lines -> {
            try (java.util.stream.Stream<String> body = lines.body()) {
                if (lines.statusCode() == 200) {
                    body.filter(line -> !line.isBlank()).forEach(line -> sink.accept(ClusterLogs.named(node.name(),
                            Json.read(line.getBytes(StandardCharsets.UTF_8), LogMessage.class))));
                }
            } catch (RuntimeException e) {
                // the stream was closed or the peer went away: its lines end here
            } finally {
                over.set(true);
            }
        }, followers);
        return new PeerStream() {
            @Override
            public boolean isOver() {
                return over.get();
            }

            @Override
            public void close() {
                response.cancel(true);
                response.thenAccept(lines -> lines.body().close());
            }
        };
    }

    /** Forwards a call to a peer that holds a replica of the function. */
    CompletableFuture<FunctionResponse> forward(NodeInfo node, String name, String namespace, Invocation call) {
        String target = node.url() + "/function/" + name + "." + namespace + call.path()
                + (call.rawQuery().isEmpty() ? "" : "?" + call.rawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach((header, values) -> {
            if (!HOP_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(header, value));
            }
        });
        request.setHeader(FORWARDED_HEADER, self);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((header, values) -> {
                if (!HOP_HEADERS.contains(header.toLowerCase(Locale.ROOT)) && !header.startsWith(":")
                        && !header.equalsIgnoreCase("date")) {
                    headers.put(header, values);
                }
            });
            return new FunctionResponse(response.statusCode(), headers, response.body());
        });
    }

    private HttpRequest.Builder request(NodeInfo node, String path) {
        return HttpRequest.newBuilder(URI.create(node.url() + path)).header("Authorization", "Bearer " + token.get());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
