package dev.faasjvm.runtime.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.CallbackReceiver;
import dev.faasjvm.runtime.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code faas-cli invoke --async} against faas-jvm directly, no gateway: the binary named
 * by the {@code FAAS_CLI} environment variable (.ci/run sets it); skipped when it is not set.
 */
final class FaasCliAsyncIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @TempDir
    Path home;

    @Test
    void faasCliInvokeAsync_isAccepted_andTheCallbackGetsTheResult() throws Exception {
        String cli = System.getenv("FAAS_CLI");
        Assumptions.assumeTrue(cli != null && !cli.isBlank(), "FAAS_CLI is not set: no faas-cli to run");
        server.deploy("echo", "echo");

        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            ProcessBuilder command = new ProcessBuilder(List.of(cli, "invoke", "echo", "--async", "-g",
                    server.uri("/").toString(), "-H", "X-Callback-Url=" + receiver.url("/done")))
                    .redirectErrorStream(true);
            command.environment().put("HOME", home.toString());
            Process process = command.start();
            process.getOutputStream().write("from faas-cli".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "faas-cli ended");

            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("Function submitted asynchronously"), output);
            CallbackReceiver.Received result = receiver.await(1, Duration.ofSeconds(20)).get(0);
            assertEquals("from faas-cli", result.body());
            assertEquals("200", result.header("X-Function-Status"));
        }
        assertTrue(Files.isDirectory(home));
    }
}
