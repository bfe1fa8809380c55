package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Samples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar faas-jvm.jar} as a user runs it, in its own JVM. */
final class MainIT {
    private static final Path JAR = Path.of(System.getProperty("faasjvm.runtime.jar", "target/faas-jvm.jar"));

    @TempDir
    Path stateDir;

    @Test
    void help_listsEveryOptionAndExits0() throws Exception {
        Result result = run("--help");

        assertEquals(0, result.exitCode);
        for (ProviderConfig.Setting setting : ProviderConfig.Setting.values()) {
            assertTrue(result.stdout.contains(setting.option), setting.option + " in " + result.stdout);
            assertTrue(result.stdout.contains(setting.env), setting.env + " in " + result.stdout);
        }
    }

    @Test
    void unknownOption_isOneLineAndExit2() throws Exception {
        Result result = run("--prot", "8080");

        assertEquals(2, result.exitCode);
        assertEquals("faas-jvm: Unknown option \"--prot\"; run with --help to list the options",
                result.stderr.strip());
    }

    @Test
    void badPort_isOneLineAndExit2() throws Exception {
        Result result = run("--port", "eighty");

        assertEquals(2, result.exitCode);
        assertEquals(1, result.stderr.strip().lines().count(), result.stderr);
        assertTrue(result.stderr.contains("--port (env port) must be a whole number, not \"eighty\""), result.stderr);
    }

    @Test
    void busyPort_isOneLineAndExit2() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run("--host", "127.0.0.1", "--port", Integer.toString(busy.getLocalPort()));

            assertEquals(2, result.exitCode, result.stderr);
            assertEquals(1, result.stderr.strip().lines().count(), result.stderr);
            assertTrue(result.stderr.contains("the port is in use"), result.stderr);
        }
    }

    @Test
    void missingFunctionsFolder_isOneLineAndExit2() throws Exception {
        Result result = run("--port", "0", "--functions", stateDir.resolve("missing").toString());

        assertEquals(2, result.exitCode);
        assertTrue(result.stderr.contains("does not exist or is not a folder"), result.stderr);
    }

    @Test
    void functionsFolder_isDeployedAndServedAndReportedInOneLine() throws Exception {
        Process process = start("--host", "127.0.0.1", "--port", "0", "--functions", Samples.dir().toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher port = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ").matcher(line);
            assertTrue(port.find(), line);
            assertTrue(line.contains("deployed "), line);
            assertTrue(line.contains("; restored 0 functions in "), line);
            assertTrue(line.contains("echo"), line);
            assertTrue(line.contains("skipped broken.jar"), "a bad JAR is skipped with its reason: " + line);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.group(1) + "/function/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("hi", response.body());
        } finally {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString(), "--state-dir", stateDir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("port");
        builder.environment().remove("FAAS_JVM_FUNCTIONS");
        return builder.start();
    }

    private Result run(String... args) throws Exception {
        Process process = start(args);
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "process exits");
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
        return new Result(process.exitValue(), stdout, stderr);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
