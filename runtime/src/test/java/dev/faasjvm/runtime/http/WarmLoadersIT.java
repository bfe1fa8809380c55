package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With no warm class loaders kept, a function at zero replicas reloads its JAR on the next call. */
final class WarmLoadersIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = TestServer.withOptions("--warm-loaders", "0");

    @Test
    void noWarmLoaders_callAtZero_reloadsTheJarAndSucceeds() {
        server.deploy("lifecycle", "lifecycle");
        server.scale("lifecycle", 0);
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("lifecycle") == 0);

        String body = server.get("/function/lifecycle").body();

        assertTrue(body.startsWith("replica=lifecycle-1-2 constructed=1 "), "loaded anew: " + body);
        assertEquals(1, server.availableReplicas("lifecycle"));
    }
}
