package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.auth.BasicCredentials;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
            String first = out.readLine();
            Matcher port = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ").matcher(first);
            assertTrue(port.find(), first);
            String line = out.readLine();
            while (line != null && !line.startsWith("faas-jvm ready in ")) {
                line = out.readLine();
            }
            assertTrue(line != null && line.contains("deployed "), line);
            assertTrue(line.contains("; restored 0 functions in "), line);
            assertTrue(line.contains("echo"), line);
            assertTrue(line.matches(".*; skipped \\d+ JARs? \\(one line each on standard error\\)"), line);
            BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<Boolean> skippedLine = CompletableFuture.supplyAsync(() -> err.lines().anyMatch(
                    skipped -> skipped.startsWith("faas-jvm: functions folder: skipped broken.jar: ")));
            assertTrue(skippedLine.get(30, TimeUnit.SECONDS), "a bad JAR is skipped on a line of its own, with its reason");

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
        return start(Map.of(), args);
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString(), "--state-dir", stateDir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        for (ProviderConfig.Setting setting : ProviderConfig.Setting.values()) {
            builder.environment().remove(setting.env);
        }
        builder.environment().put("secret_mount_path", stateDir.resolve("no-secret-mount").toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The first two lines of a started runtime's output, and its port. */
    private static List<String> firstLines(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return List.of(out.readLine(), out.readLine());
    }

    private static String port(String startupLine) {
        Matcher port = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ").matcher(startupLine);
        assertTrue(port.find(), startupLine);
        return port.group(1);
    }

    private static int status(String port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");
    }

    @Test
    void defaultStart_generatesAnOwnerOnlyPassword_andPrintsUserAndFileButNeverThePassword() throws Exception {
        Process process = start("--host", "127.0.0.1", "--port", "0");
        try {
            List<String> lines = firstLines(process);
            Path file = stateDir.resolve("basic-auth-password").toAbsolutePath();
            String password = Files.readString(file).strip();

            assertEquals("faas-jvm: basic auth on /system/*: user \"admin\", password in " + file + " (generated)",
                    lines.get(1));
            assertFalse(String.join("\n", lines).contains(password), "the password is never printed");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String port = port(lines.get(0));
            assertEquals(401, status(port, "/system/functions", null));
            assertEquals(200, status(port, "/system/functions", new BasicCredentials("admin", password).header()));
            assertEquals(200, status(port, "/healthz", null));
        } finally {
            stop(process);
        }
    }

    @Test
    void inMemoryState_printsTheGeneratedPasswordOnce_soTheSystemRoutesCanBeUsed() throws Exception {
        Process process = start("--host", "127.0.0.1", "--port", "0", "--state-dir", "");
        try {
            List<String> lines = firstLines(process);
            String prefix = "faas-jvm: basic auth on /system/*: user \"admin\", password generated for this run only"
                    + " (the state is in memory; give --basic-auth-password-file to choose one); printed only here: ";

            assertTrue(lines.get(1).startsWith(prefix), lines.get(1));
            String password = lines.get(1).substring(prefix.length());
            assertEquals(200, status(port(lines.get(0)), "/system/functions",
                    new BasicCredentials("admin", password).header()));
        } finally {
            stop(process);
        }
    }

    @Test
    void basicAuthFalse_opensTheSystemRoutes_withAWarning() throws Exception {
        Process process = start(Map.of("basic_auth", "false"), "--host", "127.0.0.1", "--port", "0");
        try {
            String port = port(new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            String warning = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))
                    .readLine();

            assertEquals(Main.AUTH_OFF_WARNING, warning);
            assertEquals(200, status(port, "/system/functions", null));
            assertFalse(Files.exists(stateDir.resolve("basic-auth-password")), "no password generated");
        } finally {
            stop(process);
        }
    }

    @Test
    void openFaasSecretFiles_underSecretMountPath_areTheCredentials() throws Exception {
        Path mount = Files.createDirectories(stateDir.resolve("mount"));
        Files.writeString(mount.resolve("basic-auth-user"), "gateway\n");
        Files.writeString(mount.resolve("basic-auth-password"), "shared-with-the-gateway\n");
        Process process = start(Map.of("secret_mount_path", mount.toString()), "--host", "127.0.0.1", "--port", "0");
        try {
            List<String> lines = firstLines(process);
            String port = port(lines.get(0));

            assertTrue(lines.get(1).contains("user \"gateway\", password from " + mount.resolve("basic-auth-password")),
                    lines.get(1));
            assertEquals(200, status(port, "/system/functions",
                    new BasicCredentials("gateway", "shared-with-the-gateway").header()));
            assertEquals(401, status(port, "/system/functions", new BasicCredentials("admin", "x").header()));
        } finally {
            stop(process);
        }
    }

    @Test
    void badBasicAuthValue_isOneLineAndExit2() throws Exception {
        Result result = run("--basic-auth", "maybe");

        assertEquals(2, result.exitCode);
        assertTrue(result.stderr.contains("--basic-auth (env basic_auth) must be true or false, not \"maybe\""),
                result.stderr);
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
