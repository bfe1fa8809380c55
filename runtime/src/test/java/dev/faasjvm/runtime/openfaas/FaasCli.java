package dev.faasjvm.runtime.openfaas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real faas-cli binary named by the environment variable {@value #ENV} (CI's {@code .ci/run}
 * sets it when {@code ../shared/tools/openfaas/} exists), run as a user runs it: with its own scratch
 * {@code HOME} (where {@code faas-cli login} keeps its credentials), against one gateway URL, each
 * command bounded by a timeout. A command can be prefixed, e.g. with {@code nsenter} to run it in a
 * private network namespace.
 */
final class FaasCli {
    static final String ENV = "FAAS_CLI";
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;
    private final Path home;
    private final String gateway;
    private final List<String> prefix;

    private FaasCli(Path binary, Path home, String gateway, List<String> prefix) {
        this.binary = binary;
        this.home = home;
        this.gateway = gateway;
        this.prefix = prefix;
    }

    /** faas-cli from {@value #ENV}, with {@code home} as its HOME, talking to {@code gateway} (e.g. http://127.0.0.1:8080). */
    static FaasCli at(Path home, String gateway, List<String> prefix) {
        String binary = System.getenv(ENV);
        if (binary == null || binary.isBlank()) {
            throw new IllegalStateException("Environment variable " + ENV + " is not set");
        }
        return new FaasCli(Path.of(binary), home, gateway, List.copyOf(prefix));
    }

    String gateway() {
        return gateway;
    }

    /** What one command printed, and how it exited. */
    record Result(List<String> command, int exitCode, String out, String err) {
        /** This result, if the command exited 0; else fails with everything it printed. */
        Result ok() {
            if (exitCode != 0) {
                throw new AssertionError(this.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return "faas-cli " + String.join(" ", command) + " exited " + exitCode + "\n--- stdout:\n" + out
                    + "\n--- stderr:\n" + err;
        }
    }

    /**
     * {@code faas-cli login} with the password on standard input, as the README says; with a
     * timeout of a minute rather than faas-cli's 5 s for the call that checks the credentials, which a
     * busy machine can take longer to answer through the gateway.
     */
    Result login(String user, String password) {
        return runWithInput(password + "\n", "login", "--username", user, "--password-stdin", "--gateway", gateway,
                "--timeout", "60s");
    }

    /** A command with {@code --gateway} appended, and no standard input. */
    Result run(String... args) {
        return runWithInput("", withGateway(args));
    }

    /** A command with {@code --gateway} appended, and {@code input} on standard input (e.g. an invocation's body). */
    Result input(String input, String... args) {
        return runWithInput(input, withGateway(args));
    }

    private String[] withGateway(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--gateway");
        all.add(gateway);
        return all.toArray(String[]::new);
    }

    private Result runWithInput(String input, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(binary.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENFAAS_"));
        try {
            Files.createDirectories(home);
            Process process = builder.start();
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("faas-cli " + String.join(" ", args) + " did not exit within "
                        + TIMEOUT_SECONDS + " s; it printed " + out.getNow("") + err.getNow(""));
            }
            return new Result(List.of(args), process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        // A thread of its own per stream: the common pool may have a single thread, and a command blocked
        // writing one stream while the pool reads the other would never exit.
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread reader = new Thread(task, "faas-cli-output");
            reader.setDaemon(true);
            reader.start();
        });
    }
}
