package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idle scale to zero ({@code com.openfaas.scale.zero}) and the warm class loader, with time advanced
 * on the server's fake ticker instead of waited for. The sweep itself runs every second of real time.
 */
final class ScaleToZeroIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void idle_pastZeroDuration_scalesToZeroAndTheNextCallScalesBack() {
        server.deployJson(lifecycle("\"com.openfaas.scale.zero\":\"true\",\"com.openfaas.scale.zero-duration\":\"2m\""));
        assertEquals(200, server.get("/function/lifecycle").statusCode());

        server.ticker().advance(Duration.ofMinutes(3));
        Awaits.atMost(WAIT).until(() -> server.replicas("lifecycle") == 0);
        String body = server.get("/function/lifecycle").body();

        assertTrue(body.startsWith("replica=lifecycle-1-2 constructed=2 "),
                "a new replica, in the same (warm) class loader: " + body);
        assertEquals(1, server.replicas("lifecycle"));
        assertEquals(1, server.availableReplicas("lifecycle"));
    }

    @Test
    void idle_lessThanZeroDuration_staysUp() {
        server.deployJson(lifecycle("\"com.openfaas.scale.zero\":\"true\",\"com.openfaas.scale.zero-duration\":\"2m\""));

        server.ticker().advance(Duration.ofMinutes(1));

        Awaits.atMost(WAIT).during(Duration.ofMillis(2500)).until(() -> server.replicas("lifecycle") == 1);
    }

    @Test
    void idle_withoutZeroLabel_staysUp() {
        server.deploy("lifecycle", "lifecycle");

        server.ticker().advance(Duration.ofDays(1));

        Awaits.atMost(WAIT).during(Duration.ofMillis(2500)).until(() -> server.replicas("lifecycle") == 1);
    }

    @Test
    void idle_defaultZeroDuration_isFifteenMinutes() {
        server.deployJson(lifecycle("\"com.openfaas.scale.zero\":\"true\""));

        server.ticker().advance(Duration.ofMinutes(14));
        Awaits.atMost(WAIT).during(Duration.ofMillis(2500)).until(() -> server.replicas("lifecycle") == 1);
        server.ticker().advance(Duration.ofMinutes(2));

        Awaits.atMost(WAIT).until(() -> server.replicas("lifecycle") == 0);
    }

    @Test
    void warmLoader_unusedPastWarmDuration_isClosedAndTheNextCallReloadsTheJar() {
        server.deploy("lifecycle", "lifecycle");
        server.scale("lifecycle", 0);
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("lifecycle") == 0);

        server.ticker().advance(Duration.ofHours(2));
        String body = server.get("/function/lifecycle").body();

        assertTrue(body.startsWith("replica=lifecycle-1-2 constructed=1 "), "loaded anew: " + body);
    }

    private static String lifecycle(String labels) {
        return "{\"service\":\"lifecycle\",\"image\":\"" + Samples.jar("lifecycle").toUri() + "\",\"labels\":{"
                + labels + "}}";
    }
}
