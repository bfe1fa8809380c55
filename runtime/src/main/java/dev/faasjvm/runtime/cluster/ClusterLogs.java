package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.threads.DaemonThreads;
import dev.faasjvm.runtime.wire.LogMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code /system/logs} across the cluster: a function's buffered lines from every live node (each
 * peer asked in turn), merged by time, each {@code instance} named {@code node/replica}; an
 * {@code instance} of that form asks one node only. With {@code follow}, the new lines of every
 * node then follow as they arrive (each peer streams its own over the node-to-node route), also of
 * a node that joins or restarts while the follow is open; a peer that dies leaves the others' lines
 * flowing. Thread-safe;
 * each stream is read by one reader.
 */
final class ClusterLogs {
    /** New lines held for a slow reader; past this a reader loses lines rather than slowing anyone. */
    private static final int LIVE_CAPACITY = 10_000;

    private final ProviderBackend local;
    private final Peers peers;
    private final Supplier<ClusterView.Snapshot> view;
    private final String node;
    private final Clock clock = Clock.systemUTC();
    /** Keeps every open follow in step with the membership: one thread for all, each check is short. */
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("faas-jvm-cluster-log-follows"));

    ClusterLogs(ProviderBackend local, Peers peers, Supplier<ClusterView.Snapshot> view, String node) {
        this.local = local;
        this.peers = peers;
        this.view = view;
        this.node = node;
    }

    LogStream stream(LogRequest request) {
        String onlyNode = request.instance().contains("/")
                ? request.instance().substring(0, request.instance().indexOf('/')) : "";
        String instance = onlyNode.isEmpty() ? request.instance()
                : request.instance().substring(onlyNode.length() + 1);
        Instant now = clock.instant();
        LogRequest backlog = new LogRequest(request.name(), request.namespace(), instance, request.since(),
                request.tail(), false);
        LogStream localBacklog = local.logs(backlog); // 404 when the function does not exist
        boolean localWanted = onlyNode.isEmpty() || onlyNode.equals(node);
        List<NodeInfo> wantedPeers = view.get().nodes().values().stream()
                .filter(peer -> !peer.name().equals(node) && (onlyNode.isEmpty() || onlyNode.equals(peer.name())))
                .toList();
        List<LogMessage> lines = new ArrayList<>();
        for (NodeInfo peer : wantedPeers) {
            peers.logs(peer, backlog).forEach(line -> lines.add(named(peer.name(), line)));
        }
        try (localBacklog) {
            if (localWanted) {
                drain(localBacklog).forEach(line -> lines.add(named(node, line)));
            }
        }
        lines.sort(Comparator.comparing(LogMessage::timestamp));
        List<LogMessage> tail = request.tail() > 0 && lines.size() > request.tail()
                ? lines.subList(lines.size() - request.tail(), lines.size()) : lines;
        if (!request.follow()) {
            return new Merged(new ArrayDeque<>(tail), null, null, List.of());
        }
        return follow(request, instance, now, tail, localWanted, onlyNode);
    }

    /**
     * The backlog, then every wanted node's lines from {@code now} on, without the ones already in
     * it; nodes that join meanwhile are followed too ({@link PeerFollows}).
     */
    private LogStream follow(LogRequest request, String instance, Instant now, List<LogMessage> backlog,
            boolean localWanted, String onlyNode) {
        Set<String> seen = new HashSet<>();
        backlog.stream().filter(line -> !line.timestamp().isBefore(now)).forEach(line -> seen.add(key(line)));
        LinkedBlockingQueue<LogMessage> live = new LinkedBlockingQueue<>(LIVE_CAPACITY);
        LogRequest fresh = new LogRequest(request.name(), request.namespace(), instance, now, 0, true);
        List<AutoCloseable> sources = new ArrayList<>();
        LogStream localLive = null;
        if (localWanted) {
            LogStream stream = local.logs(fresh);
            localLive = stream;
            sources.add(stream);
            Thread pump = new Thread(() -> pump(stream, live), "faas-jvm-cluster-logs");
            pump.setDaemon(true);
            pump.start();
        }
        // The wanted peers live now, and any that join while the follow is open.
        sources.add(new PeerFollows(peers, view, node, onlyNode, fresh, live::offer).start(checker));
        return new Merged(new ArrayDeque<>(backlog), new Live(live, seen), localLive, sources);
    }

    private void pump(LogStream stream, LinkedBlockingQueue<LogMessage> live) {
        try {
            while (!stream.isEnded()) {
                stream.next(Duration.ofMillis(250)).ifPresent(line -> live.offer(named(node, line)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<LogMessage> drain(LogStream stream) {
        List<LogMessage> lines = new ArrayList<>();
        try {
            while (!stream.isEnded()) {
                stream.next(Duration.ofMillis(100)).ifPresent(lines::add);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lines;
    }

    static LogMessage named(String node, LogMessage line) {
        return new LogMessage(line.name(), line.namespace(), node + "/" + line.instance(), line.timestamp(),
                line.text());
    }

    private static String key(LogMessage line) {
        return line.instance() + "\n" + line.timestamp() + "\n" + line.text();
    }

    /** The followed lines, skipping the ones the backlog already had. */
    private record Live(LinkedBlockingQueue<LogMessage> queue, Set<String> seen) {
        Optional<LogMessage> next(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                LogMessage line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || !seen.remove(key(line))) {
                    return Optional.ofNullable(line);
                }
            }
        }
    }

    /** The merged backlog, then the followed lines, if any. */
    private static final class Merged implements LogStream {
        private final Deque<LogMessage> backlog;
        private final Live live;
        private final LogStream localLive;
        private final List<AutoCloseable> sources;

        Merged(Deque<LogMessage> backlog, Live live, LogStream localLive, List<AutoCloseable> sources) {
            this.backlog = backlog;
            this.live = live;
            this.localLive = localLive;
            this.sources = sources;
        }

        @Override
        public Optional<LogMessage> next(Duration wait) throws InterruptedException {
            LogMessage line = backlog.poll();
            if (line != null) {
                return Optional.of(line);
            }
            return live == null ? Optional.empty() : live.next(wait);
        }

        @Override
        public boolean isEnded() {
            return backlog.isEmpty() && (live == null
                    || live.queue().isEmpty() && localLive != null && localLive.isEnded());
        }

        @Override
        public void close() {
            backlog.clear();
            for (AutoCloseable source : sources) {
                try {
                    source.close();
                } catch (Exception e) {
                    // closing a follow that already ended: nothing more to release
                }
            }
        }
    }
}
