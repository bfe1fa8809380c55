package dev.faasjvm.runtime.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Gc;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A function of each other platform, once called and deleted, leaves no class loader behind: its
 * adapter (and the Lambda adapter's per-generation Jackson mapper) holds nothing of it past the
 * function's life (issue 14).
 */
final class PlatformUnloadIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "lambda.jar|dev.faasjvm.samples.lambda.HttpHandler",
        "lambda.zip|dev.faasjvm.samples.lambda.Greeter::greet",
        "function-1.0.zip|''",
        "gcf.jar|''"})
    void delete_calledFunction_unloadsItsClassLoader(String artifact, String envProcess) {
        server.deploy("{\"service\":\"gone\",\"image\":\"" + Samples.dir().resolve(artifact).toUri()
                + "\",\"envProcess\":\"" + envProcess + "\"}");
        int status = server.post("/function/gone/x?name=Ada", "body").statusCode();

        server.delete("/system/functions", "{\"functionName\":\"gone\"}");

        assertEquals(2, status / 100, "the call succeeded");
        Awaits.atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Gc.collectGarbageForTest();
            return server.provider().loaderCounts().get("gone.openfaas-fn") != null
                    && server.provider().loaderCounts().get("gone.openfaas-fn").unloaded() == 1;
        });
        assertEquals(0, server.provider().loaderCounts().get("gone.openfaas-fn").leaked());
    }
}
