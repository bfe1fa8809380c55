package dev.faasjvm.runtime.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A watch of every key under a prefix, from one revision on, through the gateway's streaming
 * {@code /v3/watch}: one thread reads the stream and hands each batch of changes to the listener
 * in revision order. When the stream breaks (a member died, etcd restarted) it reconnects from the
 * next revision it has not seen, so no change is missed; when that revision was compacted away,
 * the listener re-reads everything ({@link Listener#resync()}) and the watch goes on from there.
 * {@link #close()} stops it. Thread-safe.
 */
public final class EtcdWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EtcdWatch.class.getName());
    private static final long MAX_BACKOFF_MILLIS = 1000;

    /** What a watch tells its owner; called on the watch's thread, one call at a time. */
    public interface Listener {
        /**
         * Changes, in revision order, and the store revision they bring the watcher up to (also
         * called with no events when etcd reports progress).
         */
        void changed(List<WatchEvent> events, long revision);

        /** The watch cannot resume where it was: re-read everything, and return the revision read at. */
        long resync();
    }

    private final EtcdClient client;
    private final String prefix;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Stream<String> stream;
    private volatile boolean connected;
    private long next;

    private EtcdWatch(EtcdClient client, String prefix, long fromRevision, Listener listener) {
        this.client = client;
        this.prefix = prefix;
        this.listener = listener;
        this.next = fromRevision;
        this.thread = new Thread(this::run, "faas-jvm-etcd-watch");
        thread.setDaemon(true);
    }

    static EtcdWatch start(EtcdClient client, String prefix, long fromRevision, Listener listener) {
        EtcdWatch watch = new EtcdWatch(client, prefix, fromRevision, listener);
        watch.thread.start();
        return watch;
    }

    /** Whether the stream is open now (it is not while etcd is unreachable). */
    public boolean isConnected() {
        return connected;
    }

    private void run() {
        long backoff = 50;
        while (!closed) {
            int endpoint = client.currentEndpoint();
            try {
                follow(endpoint);
                backoff = 50;
            } catch (IOException | UncheckedIOException | EtcdUnavailableException | EtcdRequestException e) {
                connected = false;
                if (closed) {
                    return;
                }
                LOG.log(Level.DEBUG, () -> "etcd watch of " + prefix + " broke (" + e + "); reconnecting");
                client.moveOn(endpoint);
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    private void follow(int endpoint) throws IOException, InterruptedException {
        ObjectNode create = EtcdClient.json().createObjectNode();
        create.putObject("create_request").put("key", EtcdClient.encode(prefix))
                .put("range_end", EtcdClient.rangeEnd(prefix)).put("start_revision", Long.toString(next))
                .put("progress_notify", true);
        HttpResponse<Stream<String>> response = client.http().send(client.streamRequest(endpoint, "/v3/watch",
                create), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            stream = lines;
            if (closed) {
                return;
            }
            Iterator<String> it = lines.iterator();
            while (it.hasNext() && !closed) {
                if (!handle(EtcdClient.json().readTree(it.next()))) {
                    return;
                }
            }
            throw new IOException("the watch stream ended");
        } finally {
            stream = null;
        }
    }

    /** Handles one message of the stream; false when the watch must be created anew. */
    private boolean handle(JsonNode message) throws IOException {
        if (message.has("error")) {
            String text = message.path("error").path("message").asText(message.path("error").toString());
            if (text.contains("invalid auth token")) {
                client.dropToken();
            }
            throw new IOException("etcd watch error: " + text);
        }
        JsonNode result = message.path("result");
        if (result.path("compact_revision").asLong(0) > 0) {
            next = listener.resync() + 1;
            return false;
        }
        if (result.path("canceled").asBoolean(false)) {
            throw new IOException("etcd canceled the watch: " + result.path("cancel_reason").asText());
        }
        connected = true;
        if (result.path("created").asBoolean(false)) {
            return true;
        }
        List<WatchEvent> events = new ArrayList<>();
        long last = next - 1;
        for (JsonNode event : result.path("events")) {
            KeyValue kv = EtcdClient.keyValue(event.path("kv"));
            events.add(new WatchEvent("DELETE".equals(event.path("type").asText()), kv));
            last = Math.max(last, kv.modRevision());
        }
        long revision = Math.max(last, EtcdClient.revision(result));
        listener.changed(events, revision);
        next = revision + 1;
        return true;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis); // backoff between reconnects, on the watch's own thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> open = stream;
        if (open != null) {
            open.close();
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
