package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.wire.Json;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * faas-jvm's own {@code GET /system/cluster} (behind basic auth): the live nodes, whether each
 * answers and how far it has applied the desired state, which functions and how many of their
 * replicas each holds by the placement, and which functions it has actually loaded with how many
 * replicas available (as it published them; this node's own as they are now); plus what this node
 * could not apply. Thread-safe.
 */
final class ClusterStatusHandler extends Handler.Abstract {
    static final String PATH = "/system/cluster";

    private final Cluster cluster;

    ClusterStatusHandler(Cluster cluster) {
        this.cluster = cluster;
    }

    /** One node as {@code /system/cluster} shows it. */
    record Node(String name, String url, Instant startedAt, boolean self, boolean healthy, boolean ready,
            long appliedRevision, List<Placed> functions, List<Loaded> loaded) {
    }

    /** A function loaded on one node (its class loader and handlers), with its available replicas there. */
    record Loaded(String name, String namespace, int available) {
    }

    /** A function's replicas on one node. */
    record Placed(String name, String namespace, int replicas) {
    }

    /** The answer. */
    record Report(String node, long revision, boolean watching, List<Node> nodes, Map<String, String> problems) {
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return NodeRoutes.text(response, callback, 405, "Method " + request.getMethod() + " is not allowed on "
                    + PATH + "; allowed: GET");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.write(report())), callback);
        return true;
    }

    Report report() {
        ClusterView.Snapshot snapshot = cluster.view().snapshot();
        Reconciler reconciler = cluster.reconciler();
        List<String> live = reconciler.liveNodes(snapshot);
        List<Node> nodes = new ArrayList<>();
        for (String name : live) {
            NodeInfo info = snapshot.nodes().get(name);
            boolean self = name.equals(cluster.nodeName());
            long applied = self ? reconciler.appliedRevision()
                    : info == null ? -1 : cluster.peers().applied(info, 0, Duration.ZERO);
            List<Placed> functions = new ArrayList<>();
            snapshot.functions().forEach((id, desired) -> {
                int replicas = Placement.share(id, desired.stored().replicas(), live, name);
                if (replicas > 0) {
                    functions.add(new Placed(desired.stored().name(), desired.stored().namespace(), replicas));
                }
            });
            List<Loaded> loaded = new ArrayList<>();
            (self ? cluster.held().current() : snapshot.heldBy(name)).forEach((id, available) -> loaded.add(
                    new Loaded(id.substring(id.indexOf('/') + 1), id.substring(0, id.indexOf('/')), available)));
            nodes.add(new Node(name, info == null ? "" : info.url(), info == null ? null : info.startedAt(), self,
                    applied >= 0, applied >= snapshot.revision(), applied, functions, loaded));
        }
        return new Report(cluster.nodeName(), snapshot.revision(), cluster.view().isWatching(), nodes,
                new TreeMap<>(reconciler.problems()));
    }
}
