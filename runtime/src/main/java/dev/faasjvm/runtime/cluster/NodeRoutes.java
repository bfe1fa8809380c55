package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.Json;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The node-to-node routes under {@value #PREFIX}, each requiring the cluster's node token as a
 * bearer token (compared in constant time; anyone who can read etcd's prefix has it, nobody else):
 * {@code applied?revision=&wait=} (a long poll: the revision this node has applied),
 * {@code artifacts/{sha256}} (the bytes of a local-path JAR, for a peer that lacks them) and
 * {@code logs?name=&namespace=&instance=&tail=&since=} (this node's buffered lines, NDJSON).
 * Thread-safe.
 */
final class NodeRoutes extends Handler.Abstract {
    static final String PREFIX = "/cluster/v1/";
    static final String APPLIED = PREFIX + "applied";
    static final String ARTIFACTS = PREFIX + "artifacts/";
    static final String LOGS = PREFIX + "logs";
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration MAX_FOLLOW = Duration.ofMinutes(10);

    private final Supplier<String> token;
    private final Reconciler reconciler;
    private final ClusterArtifacts artifacts;
    private final ProviderBackend local;

    NodeRoutes(Supplier<String> token, Reconciler reconciler, ClusterArtifacts artifacts, ProviderBackend local) {
        this.token = token;
        this.reconciler = reconciler;
        this.artifacts = artifacts;
        this.local = local;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!isAuthorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            return text(response, callback, 401, "Node-to-node routes need the cluster's node token");
        }
        String path = request.getHttpURI().getDecodedPath();
        if (path.equals(APPLIED)) {
            long revision = Long.parseLong(query(request, "revision", "0"));
            Duration wait = Duration.ofMillis(Math.min(MAX_WAIT.toMillis(), Long.parseLong(query(request, "wait", "0"))));
            return text(response, callback, 200, Long.toString(reconciler.awaitApplied(revision, wait)));
        }
        if (path.startsWith(ARTIFACTS)) {
            return artifact(path.substring(ARTIFACTS.length()), response, callback);
        }
        if (path.equals(LOGS)) {
            return logs(request, response, callback);
        }
        return text(response, callback, 404, "No node route " + path);
    }

    private boolean artifact(String sha256, Response response, Callback callback) throws Exception {
        Optional<Path> file = ClusterArtifacts.isSha256(sha256) ? artifacts.find(sha256) : Optional.empty();
        if (file.isEmpty()) {
            return text(response, callback, 404, "No artifact " + sha256 + " on this node");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(file.get()));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            Files.copy(file.get(), out);
        }
        callback.succeeded();
        return true;
    }

    private boolean logs(Request request, Response response, Callback callback) throws Exception {
        String since = query(request, "since", "");
        boolean follow = "1".equals(query(request, "follow", ""));
        LogRequest logRequest = new LogRequest(query(request, "name", ""), query(request, "namespace",
                ProviderBackend.DEFAULT_NAMESPACE), query(request, "instance", ""),
                since.isEmpty() ? Instant.MIN : Instant.parse(since), Integer.parseInt(query(request, "tail", "0")),
                follow);
        if (follow) {
            return follow(request, response, callback, logRequest);
        }
        StringBuilder ndjson = new StringBuilder();
        try (LogStream stream = local.logs(logRequest)) {
            while (!stream.isEnded()) {
                stream.next(Duration.ofMillis(100)).ifPresent(line -> ndjson.append(Json.writeString(line))
                        .append('\n'));
            }
        } catch (FunctionNotFoundException e) {
            return text(response, callback, 404, e.getMessage());
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
        response.write(true, ByteBuffer.wrap(ndjson.toString().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /**
     * Streams this node's new lines until the function is deleted, the requesting node goes away
     * (its write fails) or {@link #MAX_FOLLOW} passes.
     */
    private boolean follow(Request request, Response response, Callback callback, LogRequest logRequest)
            throws Exception {
        AtomicBoolean gone = new AtomicBoolean();
        request.addFailureListener(failure -> gone.set(true));
        long deadline = System.nanoTime() + MAX_FOLLOW.toNanos();
        try (LogStream stream = local.logs(logRequest)) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.flush();
                while (!gone.get() && !stream.isEnded() && System.nanoTime() < deadline) {
                    Optional<dev.faasjvm.runtime.wire.LogMessage> line = stream.next(Duration.ofMillis(250));
                    if (line.isPresent()) {
                        out.write((Json.writeString(line.get()) + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            }
        } catch (FunctionNotFoundException e) {
            return text(response, callback, 404, e.getMessage());
        } catch (java.io.IOException e) {
            // the requesting node went away: nothing to answer
        }
        callback.succeeded();
        return true;
    }

    private boolean isAuthorized(String authorization) {
        String expected = "Bearer " + token.get();
        return authorization != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8));
    }

    private static String query(Request request, String name, String fallback) {
        Fields.Field field = Request.extractQueryParameters(request).get(name);
        return field == null || field.getValue() == null || field.getValue().isEmpty() ? fallback : field.getValue();
    }

    static boolean text(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
