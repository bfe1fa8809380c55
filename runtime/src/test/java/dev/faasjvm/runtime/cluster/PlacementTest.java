package dev.faasjvm.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PlacementTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @ParameterizedTest(name = "{0} replicas over {1} nodes")
    @CsvSource({"0, 3", "1, 3", "2, 3", "3, 3", "4, 3", "7, 3", "1, 1", "5, 2"})
    void share_overEveryLiveNode_addsUpToTheReplicas_spreadEvenly(int replicas, int nodes) {
        List<String> live = NODES.subList(0, nodes);
        for (String function : List.of("openfaas-fn/echo", "openfaas-fn/hello", "team/a")) {
            int total = 0;
            for (String node : live) {
                int share = Placement.share(function, replicas, live, node);
                assertTrue(share >= replicas / nodes && share <= (replicas + nodes - 1) / nodes,
                        function + " on " + node + ": " + share);
                total += share;
            }

            assertEquals(replicas, total, function);
            assertEquals(Math.min(replicas, nodes), Placement.holders(function, replicas, live).size(), function);
            for (String holder : Placement.holders(function, replicas, live)) {
                assertTrue(Placement.share(function, replicas, live, holder) > 0, holder + " holds " + function);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"openfaas-fn/echo", "openfaas-fn/hello", "team/a"})
    void share_isTheSameOnEveryNode_andZeroForANodeNotLive(String function) {
        int first = Placement.share(function, 1, NODES, "n2");

        int again = Placement.share(function, 1, List.copyOf(NODES), "n2");

        assertEquals(first, again, "the same membership gives the same placement");
        assertEquals(0, Placement.share(function, 3, NODES, "n4"), "a node that is not live holds nothing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"openfaas-fn/echo", "openfaas-fn/hello", "team/a", "x/y", "openfaas-fn/f0", "openfaas-fn/f1"})
    void holders_whenANodeLeaves_keepTheSurvivorsThatHeldReplicas(String function) {
        List<String> before = Placement.holders(function, 3, NODES);

        List<String> after = Placement.holders(function, 3, List.of("n1", "n2"));

        assertEquals(3, before.size());
        assertEquals(2, after.size(), "every survivor holds a replica of a 3-replica function");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"openfaas-fn/echo", "openfaas-fn/hello", "team/a"})
    void keepers_areTheHolders_andAtZeroReplicasTheOneNodeASingleReplicaWouldSitOn(String function) {
        for (int replicas = 1; replicas <= 4; replicas++) {
            assertEquals(Placement.holders(function, replicas, NODES), Placement.keepers(function, replicas, NODES));
        }

        List<String> atZero = Placement.keepers(function, 0, NODES);

        assertEquals(Placement.holders(function, 1, NODES), atZero, "it scales from zero where one replica sits");
        assertEquals(1, atZero.size());
        assertEquals(List.of(), Placement.keepers(function, 0, List.of()), "no live node keeps anything");
    }
}
