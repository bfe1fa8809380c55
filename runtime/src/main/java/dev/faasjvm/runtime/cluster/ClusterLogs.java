package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.LogMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /system/logs} across the cluster: a function's buffered lines from every live node (each
 * peer asked once, in turn), merged by time, each {@code instance} named {@code node/replica}; an
 * {@code instance} of that form asks one node only. With {@code follow}, the other nodes' buffered
 * lines come first and then this node's lines as they are printed (a peer's new lines are not
 * followed). Thread-safe; each stream is read by one reader.
 */
final class ClusterLogs {
    private final ProviderBackend local;
    private final Peers peers;
    private final Supplier<ClusterView.Snapshot> view;
    private final String node;

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
        LogRequest here = new LogRequest(request.name(), request.namespace(), instance, request.since(),
                request.tail(), request.follow());
        LogStream localStream = local.logs(here); // 404 when the function does not exist
        List<LogMessage> lines = new ArrayList<>();
        for (NodeInfo peer : view.get().nodes().values()) {
            if (!peer.name().equals(node) && (onlyNode.isEmpty() || onlyNode.equals(peer.name()))) {
                peers.logs(peer, new LogRequest(here.name(), here.namespace(), instance, here.since(), here.tail(),
                        false)).forEach(line -> lines.add(named(peer.name(), line)));
            }
        }
        boolean localWanted = onlyNode.isEmpty() || onlyNode.equals(node);
        if (!request.follow()) {
            if (localWanted) {
                drain(localStream).forEach(line -> lines.add(named(node, line)));
            }
            localStream.close();
            localStream = null;
        } else if (!localWanted) {
            localStream.close();
            localStream = null;
        }
        lines.sort(Comparator.comparing(LogMessage::timestamp));
        List<LogMessage> tail = request.tail() > 0 && lines.size() > request.tail()
                ? lines.subList(lines.size() - request.tail(), lines.size()) : lines;
        return new Merged(new ArrayDeque<>(tail), localStream, node);
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

    /** The merged buffered lines, then this node's followed lines, if any. */
    private static final class Merged implements LogStream {
        private final Deque<LogMessage> buffered;
        private final LogStream follow;
        private final String node;

        Merged(Deque<LogMessage> buffered, LogStream follow, String node) {
            this.buffered = buffered;
            this.follow = follow;
            this.node = node;
        }

        @Override
        public Optional<LogMessage> next(Duration wait) throws InterruptedException {
            LogMessage line = buffered.poll();
            if (line != null) {
                return Optional.of(line);
            }
            return follow == null ? Optional.empty() : follow.next(wait).map(message -> named(node, message));
        }

        @Override
        public boolean isEnded() {
            return buffered.isEmpty() && (follow == null || follow.isEnded());
        }

        @Override
        public void close() {
            buffered.clear();
            if (follow != null) {
                follow.close();
            }
        }
    }
}
