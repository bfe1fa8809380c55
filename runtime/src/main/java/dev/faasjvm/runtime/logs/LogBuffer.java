package dev.faasjvm.runtime.logs;

import dev.faasjvm.runtime.backend.LogRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One function's recent log lines: a ring of at most {@code capacity} lines, oldest dropped first,
 * and the live feeds that follow it. Appending is O(1) plus one non-blocking offer per follower,
 * so a printing function never waits for a log reader. Survives updates of the function; closed
 * when the function is deleted, which ends its feeds. Thread-safe (one lock).
 */
final class LogBuffer {
    private final String name;
    private final String namespace;
    private final LogLine[] ring;
    private final List<LogFeed> followers = new ArrayList<>();
    private int oldest;
    private int size;
    private boolean closed;

    LogBuffer(String name, String namespace, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.name = name;
        this.namespace = namespace;
        this.ring = new LogLine[capacity];
    }

    String name() {
        return name;
    }

    String namespace() {
        return namespace;
    }

    synchronized void append(LogLine line) {
        if (size < ring.length) {
            ring[(oldest + size++) % ring.length] = line;
        } else {
            ring[oldest] = line;
            oldest = (oldest + 1) % ring.length;
        }
        for (int i = 0; i < followers.size(); i++) {
            followers.get(i).offer(line);
        }
    }

    /**
     * A feed of the buffered lines that match {@code request} and, if it follows, of the lines
     * appended from now on. Both happen under one lock, so no line is lost or sent twice between
     * the two.
     */
    synchronized LogFeed open(LogRequest request, int liveCapacity) {
        Deque<LogLine> backlog = new ArrayDeque<>();
        for (int i = size - 1; i >= 0 && (request.tail() <= 0 || backlog.size() < request.tail()); i--) {
            LogLine line = ring[(oldest + i) % ring.length];
            if (LogFeed.matches(request, line)) {
                backlog.addFirst(line);
            }
        }
        boolean follows = request.follow() && !closed;
        LogFeed feed = new LogFeed(this, request, backlog, follows, liveCapacity);
        if (follows) {
            followers.add(feed);
        }
        return feed;
    }

    synchronized void unfollow(LogFeed feed) {
        followers.remove(feed);
    }

    synchronized int followerCount() {
        return followers.size();
    }

    /** Ends every feed; lines appended later (from calls still draining) are kept but go nowhere. */
    synchronized void close() {
        closed = true;
        for (LogFeed feed : followers) {
            feed.end();
        }
        followers.clear();
    }
}
