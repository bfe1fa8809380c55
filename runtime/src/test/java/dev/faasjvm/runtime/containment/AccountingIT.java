package dev.faasjvm.runtime.containment;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faasjvm.runtime.testing.TestServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CPU time and allocation are counted per function, from known work, in metrics and status. */
final class AccountingIT {
    private static final long MIB = 1 << 20;

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void knownWork_isCountedToTheFunctionThatDidIt_andNoOther() {
        server.deploy("rogue", "rogue");
        server.deploy("other", "rogue");

        assertEquals(200, server.get("/function/rogue?do=burn&value=250").statusCode());
        assertEquals(200, server.get("/function/rogue?do=allocate&value=" + 64 * MIB).statusCode());
        assertEquals(200, server.get("/function/other?do=print&value=little").statusCode());

        String metrics = server.get("/metrics").body();
        double rogueCpu = value(metrics, "faasjvm_function_cpu_seconds_total", "rogue");
        double rogueBytes = value(metrics, "faasjvm_function_allocated_bytes_total", "rogue");
        double otherCpu = value(metrics, "faasjvm_function_cpu_seconds_total", "other");
        double otherBytes = value(metrics, "faasjvm_function_allocated_bytes_total", "other");
        JsonNode usage = server.status("rogue").path("usage");
        assertAll(
                () -> assertTrue(rogueCpu >= 0.25 && rogueCpu < 1.5, "rogue CPU seconds " + rogueCpu),
                () -> assertTrue(rogueBytes >= 64 * MIB && rogueBytes < 80 * MIB, "rogue bytes " + rogueBytes),
                () -> assertTrue(otherCpu < 0.1, "other CPU seconds " + otherCpu),
                () -> assertTrue(otherBytes < 4 * MIB, "other bytes " + otherBytes),
                () -> assertTrue(usage.path("cpu").asDouble() > 0, "usage.cpu in millicores: " + usage),
                () -> assertTrue(usage.path("totalMemoryBytes").isMissingNode(), "no honest figure: " + usage));
    }

    @Test
    void aNeverBlockingCallOnTheServersThread_isCountedToItsFunction() {
        server.deploy("{\"service\":\"direct\",\"image\":\"" + dev.faasjvm.runtime.testing.Samples.jar("rogue").toUri()
                + "\",\"annotations\":{\"dev.faasjvm.never-blocks\":\"true\"}}");
        assertEquals(200, server.get("/function/direct?do=print&value=warm").statusCode(), "first call, on a replica thread");
        double before = value(server.get("/metrics").body(), "faasjvm_function_cpu_seconds_total", "direct");

        for (int i = 0; i < 5; i++) { // 20 ms each: under the 100 ms after which a call is demoted
            assertEquals(200, server.get("/function/direct?do=burn&value=20").statusCode());
        }

        double after = value(server.get("/metrics").body(), "faasjvm_function_cpu_seconds_total", "direct");
        assertTrue(after - before >= 0.1 && after - before < 1.0, "CPU seconds of 5 calls of 20 ms: " + (after - before));
    }

    private static double value(String metrics, String name, String function) {
        Matcher matcher = Pattern.compile("^" + name + "\\{function_name=\"" + function + "\\.openfaas-fn\"} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        if (!matcher.find()) {
            throw new AssertionError(name + " of " + function + " not in:\n" + metrics);
        }
        return Double.parseDouble(matcher.group(1));
    }
}
