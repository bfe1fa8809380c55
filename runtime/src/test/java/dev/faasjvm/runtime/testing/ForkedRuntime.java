package dev.faasjvm.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar faas-jvm.jar} in its own JVM, as a user (or a service manager) runs it: for the
 * tests that need a real process to kill or signal. The runtime JAR comes from the system property
 * {@value #JAR_PROPERTY} (set by failsafe). {@link #start} returns once the startup line is printed,
 * which the runtime prints only when it serves; standard output is collected, standard error goes
 * to a file beside the state directory. It runs with {@code --basic-auth false} (its warning goes
 * to that file), so its {@code /system/*} routes take requests without credentials.
 */
public final class ForkedRuntime {
    public static final String JAR_PROPERTY = "faasjvm.runtime.jar";
    private static final Pattern PORT = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
    /** Start-up flags for a JVM that lives a few seconds: no C2, a small serial heap. */
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx256m", "-Xss512k");

    private final Process process;
    private final Thread drain;
    private final List<String> output;
    private final Path stderr;
    private final String startupLine;
    private final int port;

    private ForkedRuntime(Process process, Thread drain, List<String> output, Path stderr, String startupLine,
            int port) {
        this.process = process;
        this.drain = drain;
        this.output = output;
        this.stderr = stderr;
        this.startupLine = startupLine;
        this.port = port;
    }

    /** Spawns a runtime on an ephemeral loopback port without waiting for it. */
    public static Process spawn(Path stateDir, Path stderr, String... args) throws IOException {
        // Auth is not what these tests are about (MainIT and AuthIT cover it): /system/* is open.
        List<String> open = new ArrayList<>(List.of("--basic-auth", "false"));
        open.addAll(List.of(args));
        return spawn(List.of(), stateDir, stderr, open);
    }

    /**
     * Starts a runtime whose command line is prefixed, e.g. with {@code nsenter} to run it in a
     * network namespace, with basic auth on unless {@code args} say otherwise; returns once it serves.
     */
    public static ForkedRuntime startWith(List<String> prefix, Path stateDir, Path stderr, String... args)
            throws IOException {
        return started(true, spawn(prefix, stateDir, stderr, List.of(args)), stderr);
    }

    /**
     * As {@link #startWith(List, Path, Path, String...)}, with {@code env} added to the runtime's
     * environment (e.g. {@code TZ}).
     */
    public static ForkedRuntime startWith(List<String> prefix, Map<String, String> env, Path stateDir, Path stderr,
            String... args) throws IOException {
        return started(true, spawn(prefix, env, stateDir, stderr, List.of(args)), stderr);
    }

    private static Process spawn(List<String> prefix, Path stateDir, Path stderr, List<String> args)
            throws IOException {
        return spawn(prefix, Map.of(), stateDir, stderr, args);
    }

    private static Process spawn(List<String> prefix, Map<String, String> env, Path stateDir, Path stderr,
            List<String> args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar().toString(), "--host", "127.0.0.1", "--port", "0", "--state-dir",
                stateDir.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(name -> name.startsWith("FAAS_JVM_") || name.equals("port"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * Starts a runtime and returns once it is ready (its stored functions restored); fails with its
     * output if it exits instead. {@link #startupLine()} then holds the listening and the ready line.
     */
    public static ForkedRuntime start(Path stateDir, Path stderr, String... args) throws IOException {
        return started(true, spawn(stateDir, stderr, args), stderr);
    }

    /**
     * Starts a runtime and returns as soon as it serves, while it may still be restoring its
     * stored functions in the background.
     */
    public static ForkedRuntime startServing(Path stateDir, Path stderr, String... args) throws IOException {
        return started(false, spawn(stateDir, stderr, args), stderr);
    }

    private static ForkedRuntime started(boolean untilReady, Process process, Path stderr) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher port = line == null ? null : PORT.matcher(line);
        if (port == null || !port.find()) {
            process.destroyForcibly();
            throw new IllegalStateException("The runtime did not start; it printed " + line + " and on stderr: "
                    + Files.readString(stderr));
        }
        List<String> output = new CopyOnWriteArrayList<>();
        if (untilReady) {
            String next = out.readLine();
            while (next != null && !next.startsWith("faas-jvm ready in ")) {
                output.add(next);
                next = out.readLine();
            }
            if (next == null) {
                process.destroyForcibly();
                throw new IllegalStateException("The runtime never became ready; it printed " + output
                        + " and on stderr: " + Files.readString(stderr));
            }
            line = line + "\n" + next;
        }
        Thread drain = new Thread(() -> drain(out, output), "forked-runtime-stdout");
        drain.setDaemon(true);
        drain.start();
        return new ForkedRuntime(process, drain, output, stderr, line, Integer.parseInt(port.group(1)));
    }

    private static void drain(BufferedReader out, List<String> lines) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process went away: its output ends here.
        }
    }

    private static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || jar.isBlank()) {
            throw new IllegalStateException("System property " + JAR_PROPERTY + " is not set: run integration"
                    + " tests through Maven (mvn verify), which builds the runtime JAR and sets it");
        }
        return Path.of(jar);
    }

    public String startupLine() {
        return startupLine;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    /** The lines printed after the startup line so far (all of them once it was killed or terminated). */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** What the runtime printed on standard error so far. */
    public String errors() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the runtime a signal by name ({@code STOP}, {@code CONT}, ...) with {@code kill}; throws
     * if it could not be sent. Unchecked, so that it can run from a timer.
     */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, as a power cut or the OOM killer would: no hook, no flush. Returns once it is gone. */
    public void kill() throws InterruptedException {
        killAndWait(process);
        drain.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** SIGKILLs any process and waits for it to be gone. */
    public static void killAndWait(Process process) throws InterruptedException {
        // Through the handle: Process.destroy* would also close our end of its output pipe.
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, as a service manager stops a service; returns the exit code once it exits. */
    public int terminate(long timeout, TimeUnit unit) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output pipe, and the
        // lines printed while stopping would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(timeout, unit)) {
            process.destroyForcibly();
            throw new IllegalStateException("The runtime did not exit within " + timeout + " " + unit
                    + " of SIGTERM");
        }
        drain.join(TimeUnit.SECONDS.toMillis(10)); // so output() holds every line it printed
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
