package dev.faasjvm.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Where a function's cluster-wide replicas run: spread over the live nodes, deterministic, so every
 * node computes the same answer from the same membership without talking to the others. The live
 * node names are sorted; the function's replicas go round-robin from the node at
 * {@code crc32(namespace/name) mod nodes}: with 3 nodes, 1 replica sits on one node (a different
 * one for different functions), 3 replicas on each node once, 4 replicas twice on the first.
 * When a node joins or leaves, only the count changes, so most replicas stay where they are.
 * Only the nodes that hold a replica load the function ({@link #keepers}); at zero replicas the
 * node the spread starts at keeps it loaded (with no replica), so that a call scales it from zero
 * there. Stateless.
 */
public final class Placement {
    private Placement() {
    }

    /** How many of the function's {@code replicas} run on {@code node} among {@code liveNodes} (sorted). */
    public static int share(String function, int replicas, List<String> liveNodes, String node) {
        int index = liveNodes.indexOf(node);
        if (index < 0 || replicas <= 0) {
            return 0;
        }
        int n = liveNodes.size();
        int offset = Math.floorMod(index - start(function, n), n);
        return replicas / n + (offset < replicas % n ? 1 : 0);
    }

    /** The nodes that hold at least one replica of the function, first the one its spread starts at. */
    public static List<String> holders(String function, int replicas, List<String> liveNodes) {
        List<String> holders = new ArrayList<>();
        int n = liveNodes.size();
        if (n == 0) {
            return holders;
        }
        int start = start(function, n);
        for (int i = 0; i < Math.min(n, replicas); i++) {
            holders.add(liveNodes.get((start + i) % n));
        }
        return holders;
    }

    /**
     * The nodes that load the function: its {@link #holders}, or at zero replicas the one node a
     * single replica would sit on, which scales it from zero when a call comes.
     */
    public static List<String> keepers(String function, int replicas, List<String> liveNodes) {
        return holders(function, Math.max(1, replicas), liveNodes);
    }

    private static int start(String function, int nodes) {
        CRC32 crc = new CRC32();
        crc.update(function.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % nodes);
    }
}
