package dev.faasjvm.runtime.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A client of etcd's v3 JSON gateway ({@code /v3/kv/*}, {@code /v3/lease/*}, {@code /v3/watch},
 * {@code /v3/auth/authenticate}) over the JDK's HTTP client: keys and values are base64 in JSON,
 * 64-bit numbers are strings. Why not jetcd: it brings gRPC and Netty (tens of megabytes) into a
 * runtime whose point is to be small, for about ten calls that the gateway answers as well.
 *
 * <p>Requests go to one member and move on to the next when a member does not answer; a request
 * that times out, or that no member takes, is an {@link EtcdUnavailableException}. With a user and
 * password it authenticates first and again when etcd says the token expired. Thread-safe.
 */
public final class EtcdClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** etcd's gRPC codes in error answers that mean "try another member or later". */
    private static final int UNAVAILABLE = 14;
    private static final int DEADLINE_EXCEEDED = 4;
    private static final int UNAUTHENTICATED = 16;

    private final EtcdConfig config;
    private final HttpClient http;
    private final AtomicInteger current = new AtomicInteger();
    private volatile String token;

    private EtcdClient(EtcdConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    /** A client of the configured members; nothing is sent until it is used. */
    public static EtcdClient create(EtcdConfig config) {
        // Over TLS, etcd's listener accepts only ALPN h2 (its gateway serves JSON on HTTP/2 too); in
        // plain text HTTP/1.1 avoids the h2c upgrade dance.
        boolean https = config.endpoints().stream().anyMatch(endpoint -> "https".equals(endpoint.getScheme()));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(https ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout());
        SSLContext tls = EtcdTls.context(config);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return new EtcdClient(config, builder.build());
    }

    public EtcdConfig config() {
        return config;
    }

    /** One key, or empty when it does not exist. */
    public Optional<KeyValue> get(String key) {
        ObjectNode body = JSON.createObjectNode().put("key", encode(key));
        List<KeyValue> kvs = kvs(call("/v3/kv/range", body).path("kvs"));
        return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
    }

    /** Every key that starts with {@code prefix}, at one revision. */
    public Range range(String prefix) {
        ObjectNode body = JSON.createObjectNode().put("key", encode(prefix)).put("range_end", rangeEnd(prefix));
        JsonNode answer = call("/v3/kv/range", body);
        return new Range(kvs(answer.path("kvs")), revision(answer));
    }

    /** Sets a key; returns the revision of the change. */
    public long put(String key, byte[] value) {
        return put(key, value, 0);
    }

    /** Sets a key attached to a lease (0 for none): it goes when the lease expires. */
    public long put(String key, byte[] value, long lease) {
        ObjectNode body = putRequest(key, value, lease);
        return revision(call("/v3/kv/put", body));
    }

    /**
     * Sets a key only if it is unchanged since {@code modRevision} (0: only if it does not exist),
     * in one transaction: the compare-and-set that serialises concurrent changes.
     *
     * @return the revision of the change, or empty if the key had changed (nothing was written)
     */
    public OptionalLong putIf(String key, byte[] value, long modRevision) {
        ObjectNode txn = compare(key, modRevision);
        txn.putArray("success").addObject().set("request_put", putRequest(key, value, 0));
        return transact(txn);
    }

    /** Deletes a key only if it is unchanged since {@code modRevision}; empty if it had changed. */
    public OptionalLong deleteIf(String key, long modRevision) {
        ObjectNode txn = compare(key, modRevision);
        txn.putArray("success").addObject().putObject("request_delete_range").put("key", encode(key));
        return transact(txn);
    }

    /** Deletes a key if it exists; returns the store's revision after. */
    public long delete(String key) {
        return revision(call("/v3/kv/deleterange", JSON.createObjectNode().put("key", encode(key))));
    }

    /** Grants a lease that expires {@code ttlSeconds} after its last keep-alive; returns its id. */
    public long grantLease(long ttlSeconds) {
        JsonNode answer = call("/v3/lease/grant", JSON.createObjectNode().put("TTL", Long.toString(ttlSeconds)));
        return answer.path("ID").asLong();
    }

    /** Renews a lease; returns its remaining time to live in seconds, 0 when it has expired. */
    public long keepAlive(long lease) {
        JsonNode answer = call("/v3/lease/keepalive", JSON.createObjectNode().put("ID", Long.toString(lease)));
        return answer.path("result").path("TTL").asLong(0);
    }

    /** A lease's remaining time to live in seconds as etcd counts it; -1 when it has expired or was revoked. */
    public long timeToLive(long lease) {
        JsonNode answer = call("/v3/lease/timetolive", JSON.createObjectNode().put("ID", Long.toString(lease)));
        return answer.path("TTL").asLong(-1);
    }

    /** Ends a lease now, deleting its keys. */
    public void revoke(long lease) {
        call("/v3/lease/revoke", JSON.createObjectNode().put("ID", Long.toString(lease)));
    }

    /**
     * Watches every key under {@code prefix} from {@code fromRevision} on, on a thread of its own,
     * reconnecting (to the next member, from the next unseen revision) when the stream breaks.
     */
    public EtcdWatch watch(String prefix, long fromRevision, EtcdWatch.Listener listener) {
        return EtcdWatch.start(this, prefix, fromRevision, listener);
    }

    @Override
    public void close() {
        // The JDK client of Java 17 has no close; its threads are daemons and end when idle.
    }

    private OptionalLong transact(ObjectNode txn) {
        JsonNode answer = call("/v3/kv/txn", txn);
        return answer.path("succeeded").asBoolean(false) ? OptionalLong.of(revision(answer)) : OptionalLong.empty();
    }

    private static ObjectNode compare(String key, long modRevision) {
        ObjectNode txn = JSON.createObjectNode();
        ObjectNode compare = txn.putArray("compare").addObject().put("key", encode(key)).put("result", "EQUAL");
        if (modRevision == 0) {
            compare.put("target", "CREATE").put("create_revision", "0");
        } else {
            compare.put("target", "MOD").put("mod_revision", Long.toString(modRevision));
        }
        return txn;
    }

    private static ObjectNode putRequest(String key, byte[] value, long lease) {
        ObjectNode put = JSON.createObjectNode().put("key", encode(key))
                .put("value", Base64.getEncoder().encodeToString(value));
        if (lease != 0) {
            put.put("lease", Long.toString(lease));
        }
        return put;
    }

    /** Sends one request, moving to the next member when one does not answer. */
    JsonNode call(String path, ObjectNode body) {
        return call(path, body, true);
    }

    private JsonNode call(String path, ObjectNode body, boolean mayAuthenticate) {
        if (!config.user().isEmpty() && token == null && mayAuthenticate) {
            authenticate();
        }
        Exception last = null;
        int start = current.get();
        long deadline = System.nanoTime() + config.requestTimeout().toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            int index = (start + i) % config.endpoints().size();
            long left = deadline - System.nanoTime();
            Duration attempt = Duration.ofNanos(Math.max(1_000_000, Math.min(left, attemptTimeout().toNanos())));
            try {
                HttpResponse<byte[]> response = http.send(request(index, path, body, attempt),
                        HttpResponse.BodyHandlers.ofByteArray());
                JsonNode answer = JSON.readTree(response.body());
                if (!answer.has("error") && response.statusCode() == 200) {
                    current.set(index);
                    return answer;
                }
                int code = answer.path("code").asInt();
                String message = answer.path("message").asText(answer.path("error").asText());
                if (code == UNAUTHENTICATED || message.contains("invalid auth token")
                        || message.contains("user name is empty")) {
                    if (!mayAuthenticate || config.user().isEmpty()) {
                        throw new EtcdRequestException("etcd at " + config.describe() + " refused the request: "
                                + message + (config.user().isEmpty() ? " (give an etcd user and password)" : ""));
                    }
                    token = null;
                    authenticate();
                    return call(path, body, false);
                }
                if (code == UNAVAILABLE || code == DEADLINE_EXCEEDED || response.statusCode() == 503) {
                    last = new IOException(message);
                    pause();
                    continue;
                }
                throw new EtcdRequestException("etcd at " + config.endpoints().get(index) + " refused " + path + ": "
                        + message);
            } catch (HttpTimeoutException e) {
                last = e; // a leader election drops proposals: try again, within the request's time
            } catch (IOException e) {
                last = e;
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtcdUnavailableException("Interrupted while waiting for etcd", e);
            }
        }
        current.set((start + 1) % config.endpoints().size());
        throw new EtcdUnavailableException("etcd at " + config.describe() + " is unavailable (no member answered"
                + " with quorum within " + config.requestTimeout().toMillis() + " ms: " + last + ")", last);
    }

    /**
     * How long one attempt may take: a third of the request's time, so that a proposal dropped in a
     * leader election (etcd then answers only at its own timeout) is sent again in time.
     */
    private Duration attemptTimeout() {
        return config.requestTimeout().dividedBy(3);
    }

    /** A short pause between attempts, so that a dead cluster is not hammered in a tight loop. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    HttpRequest request(int endpoint, String path, ObjectNode body, Duration timeout) throws IOException {
        return builder(endpoint, path, body).timeout(timeout).build();
    }

    /** Same request, for a watch stream: no overall timeout, it lives as long as the watch. */
    HttpRequest streamRequest(int endpoint, String path, ObjectNode body) throws IOException {
        if (!config.user().isEmpty() && token == null) {
            authenticate();
        }
        return builder(endpoint, path, body).build();
    }

    private HttpRequest.Builder builder(int endpoint, String path, ObjectNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpointUri(endpoint, path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        String current = token;
        if (current != null) {
            request.header("Authorization", current);
        }
        return request;
    }

    HttpClient http() {
        return http;
    }

    int currentEndpoint() {
        return current.get();
    }

    void moveOn(int from) {
        current.compareAndSet(from, (from + 1) % config.endpoints().size());
    }

    /** Forgets the token after etcd rejected it, so the next request authenticates anew. */
    void dropToken() {
        token = null;
    }

    private URI endpointUri(int endpoint, String path) {
        return URI.create(config.endpoints().get(endpoint) + path);
    }

    private synchronized void authenticate() {
        if (token != null) {
            return;
        }
        JsonNode answer = call("/v3/auth/authenticate", JSON.createObjectNode().put("name", config.user())
                .put("password", config.password()), false);
        String issued = answer.path("token").asText("");
        if (issued.isEmpty()) {
            throw new EtcdRequestException("etcd at " + config.describe() + " issued no token for user \""
                    + config.user() + "\"");
        }
        token = issued;
    }

    static ObjectMapper json() {
        return JSON;
    }

    static List<KeyValue> kvs(JsonNode array) {
        List<KeyValue> kvs = new ArrayList<>();
        if (array instanceof ArrayNode) {
            for (JsonNode kv : array) {
                kvs.add(keyValue(kv));
            }
        }
        return kvs;
    }

    static KeyValue keyValue(JsonNode kv) {
        return new KeyValue(new String(Base64.getDecoder().decode(kv.path("key").asText("")), StandardCharsets.UTF_8),
                Base64.getDecoder().decode(kv.path("value").asText("")), kv.path("create_revision").asLong(0),
                kv.path("mod_revision").asLong(0), kv.path("lease").asLong(0));
    }

    static long revision(JsonNode answer) {
        return answer.path("header").path("revision").asLong(0);
    }

    static String encode(String key) {
        return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The first key after every key that starts with {@code prefix}: the prefix with its last byte plus one. */
    static String rangeEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(end, i + 1));
            }
        }
        return Base64.getEncoder().encodeToString(new byte[] {0});
    }
}
