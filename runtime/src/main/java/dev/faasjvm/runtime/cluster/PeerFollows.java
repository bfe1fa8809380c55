package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.wire.LogMessage;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The peers one followed {@code /system/logs} stream reads from, kept in step with the membership:
 * a node that joins while the follow is open (started, or restarted: it registers again with a new
 * start time) is followed from then on; a node that leaves (or dies) is dropped, and the follow
 * goes on with the others. A peer's stream that ends while the peer stays (it did not have the
 * function yet, or it ends long follows) is opened again from its last line, after
 * {@link #RETRY}, without repeating that line. Checked every {@link #CHECK}, against this node's
 * view of etcd. Thread-safe.
 */
final class PeerFollows implements AutoCloseable {
    static final Duration CHECK = Duration.ofMillis(250);
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(PeerFollows.class.getName());

    private final Peers peers;
    private final Supplier<ClusterView.Snapshot> view;
    private final String self;
    private final String onlyNode;
    private final LogRequest request;
    private final Consumer<LogMessage> sink;
    private final Map<String, Followed> followed = new TreeMap<>();
    private ScheduledFuture<?> checks;
    private boolean closed;

    /**
     * @param onlyNode the one node to follow, or empty for every node but {@code self}
     * @param request what to follow (its {@code since} is when the follow began)
     * @param sink takes each line, its {@code instance} named {@code node/replica}
     */
    PeerFollows(Peers peers, Supplier<ClusterView.Snapshot> view, String self, String onlyNode, LogRequest request,
            Consumer<LogMessage> sink) {
        this.peers = peers;
        this.view = view;
        this.self = self;
        this.onlyNode = onlyNode;
        this.request = request;
        this.sink = sink;
    }

    /** Follows the live peers now, then checks the membership every {@link #CHECK} on {@code checker}. */
    synchronized PeerFollows start(ScheduledExecutorService checker) {
        check();
        checks = checker.scheduleWithFixedDelay(this::checkSafely, CHECK.toMillis(), CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) { // the follow goes on with the peers it has
            LOG.log(Level.DEBUG, () -> "Cannot bring a log follow in step with the cluster: " + e.getMessage());
        }
    }

    /** Drops the peers that left or started again, follows the ones that joined, reopens ended streams. */
    synchronized void check() {
        if (closed) {
            return;
        }
        Map<String, NodeInfo> live = view.get().nodes();
        for (Iterator<Map.Entry<String, Followed>> it = followed.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Followed> peer = it.next();
            NodeInfo now = live.get(peer.getKey());
            if (now == null || !Objects.equals(now.startedAt(), peer.getValue().startedAt)) {
                peer.getValue().close();
                it.remove();
            }
        }
        for (NodeInfo peer : live.values()) {
            if (!peer.name().equals(self) && (onlyNode.isEmpty() || onlyNode.equals(peer.name()))) {
                followed.computeIfAbsent(peer.name(), name -> new Followed(peer.startedAt())).follow(peer);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (checks != null) {
            checks.cancel(false);
        }
        followed.values().forEach(Followed::close);
        followed.clear();
    }

    /** One run of one peer: its stream, reopened from the last line passed on when it ends. */
    private final class Followed {
        private final Instant startedAt;
        private Peers.PeerStream stream;
        private long opened;
        /** The latest time of a line passed on, and the lines passed on at that time. */
        private Instant last;
        private final Set<String> atLast = new HashSet<>();

        Followed(Instant startedAt) {
            this.startedAt = startedAt;
        }

        /** Opens the stream, or opens it again if it ended at least {@link #RETRY} after it was opened. */
        void follow(NodeInfo peer) {
            if (stream != null && (!stream.isOver() || System.nanoTime() - opened < RETRY.toNanos())) {
                return;
            }
            Instant since;
            synchronized (atLast) {
                since = last == null ? request.since() : last;
            }
            opened = System.nanoTime();
            stream = peers.follow(peer, new LogRequest(request.name(), request.namespace(), request.instance(), since,
                    0, true), this::pass);
        }

        /** Passes a line on unless an earlier stream of this peer already did. */
        private void pass(LogMessage line) {
            String key = line.instance() + "\n" + line.text();
            synchronized (atLast) {
                if (last == null || line.timestamp().isAfter(last)) {
                    last = line.timestamp();
                    atLast.clear();
                    atLast.add(key);
                } else if (line.timestamp().equals(last) && !atLast.add(key)) {
                    return; // the reopened stream starts at the last line's time: that line came already
                }
            }
            sink.accept(line);
        }

        void close() {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
