package dev.faasjvm.runtime.openfaas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace with only its own loopback, bound to a file (util-linux
 * {@code unshare --net=FILE}); {@link #prefix()} runs a command inside it ({@code nsenter
 * --net=FILE}). The OpenFaaS gateway listens on fixed ports on every interface: in here nothing else
 * on the machine is in its way, and it is in nobody's way. Needs root. {@link #close()} removes it
 * (the processes started in it must be gone first).
 */
final class NetworkNamespace implements AutoCloseable {
    private final Path file;

    private NetworkNamespace(Path file) {
        this.file = file;
    }

    /** Creates one, bound to {@code dir/netns}, with its loopback up; fails saying what did not work. */
    static NetworkNamespace create(Path dir) throws IOException, InterruptedException {
        Path file = Files.createFile(dir.resolve("netns"));
        run(List.of("unshare", "--net=" + file, "true"));
        NetworkNamespace namespace = new NetworkNamespace(file);
        List<String> loopbackUp = new ArrayList<>(namespace.prefix());
        loopbackUp.addAll(List.of("ip", "link", "set", "lo", "up"));
        run(loopbackUp);
        return namespace;
    }

    /** The command words that run what follows them inside this namespace. */
    List<String> prefix() {
        return List.of("nsenter", "--net=" + file);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("umount", file.toString()));
        Files.deleteIfExists(file);
    }

    /** Runs a command to its end (bounded); fails with what it printed unless it exits 0. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", command) + " did not exit within 30 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue()
                    + " (a network namespace needs root and util-linux): " + output);
        }
        return output;
    }
}
