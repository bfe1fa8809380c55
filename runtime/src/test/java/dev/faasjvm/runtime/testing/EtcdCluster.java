package dev.faasjvm.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real etcd cluster of {@code n} members on loopback, each a child process with its own data
 * folder under one temporary folder: for the tests of the etcd stores and the cluster mode. Ports
 * are chosen free on 127.0.0.1 just before the members start (a cluster's peer URLs must be known
 * up front, so port 0 cannot be used). Members can be killed ({@code SIGKILL}) and restarted on
 * the same ports and data. {@link #close()} kills every member and deletes the folder.
 */
public final class EtcdCluster implements AutoCloseable {
    /** Where the tests look for etcd, in order, besides {@code PATH}. */
    private static final List<String> CANDIDATES = List.of("/usr/bin/etcd", "/usr/local/bin/etcd");

    private final Path binary;
    private final Path dir;
    private final List<Member> members;
    private final HttpClient http;
    /** The members' TLS files ({@code ca.pem}, {@code server.pem}, {@code server-key.pem}), or {@code null} for plain HTTP. */
    private final Path tls;

    private record Member(String name, int clientPort, int peerPort, Process[] process) {
        URI client(boolean tls) {
            return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + clientPort);
        }

        String peer() {
            return "http://127.0.0.1:" + peerPort;
        }
    }

    private EtcdCluster(Path binary, Path dir, List<Member> members, Path tls, HttpClient http) {
        this.binary = binary;
        this.dir = dir;
        this.members = members;
        this.tls = tls;
        this.http = http;
    }

    /** The etcd binary, if one is installed. */
    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)).filter(p -> !p.isEmpty())
                        .map(p -> Path.of(p, "etcd").toString()), CANDIDATES.stream())
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Skips the calling test, in one line, when no etcd binary is installed. */
    public static Path requireBinary() {
        Optional<Path> binary = binary();
        Assumptions.assumeTrue(binary.isPresent(), "No etcd binary on PATH or in /usr/bin: install the Debian"
                + " package etcd-server (.ci/run does) to run the cluster tests");
        return binary.get();
    }

    /** Starts {@code size} members and returns once every one answers its health check. */
    public static EtcdCluster start(int size) throws IOException {
        return start(size, null, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
    }

    /**
     * Starts {@code size} members serving clients over TLS only, with client-certificate auth: the
     * folder {@code tls} holds {@code ca.pem}, {@code server.pem} and {@code server-key.pem}; the
     * health checks go through {@code http}, which must trust the CA and present a client certificate.
     */
    public static EtcdCluster start(int size, Path tls, HttpClient http) throws IOException {
        Path binary = requireBinary();
        Path dir = Files.createTempDirectory("faas-jvm-etcd");
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            members.add(new Member("m" + i, freePort(), freePort(), new Process[1]));
        }
        EtcdCluster cluster = new EtcdCluster(binary, dir, members, tls, http);
        try {
            for (int i = 0; i < size; i++) {
                cluster.launch(i);
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitHealthy(i);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Every member's client URL, comma-separated, as {@code --etcd} takes them. */
    public String endpoints() {
        return members.stream().map(member -> member.client(tls != null).toString()).collect(Collectors.joining(","));
    }

    /** One member's client URL. */
    public URI endpoint(int member) {
        return members.get(member).client(tls != null);
    }

    public int size() {
        return members.size();
    }

    /** {@code SIGKILL}s one member and waits until it is gone. */
    public void kill(int member) throws InterruptedException {
        Process process = members.get(member).process()[0];
        if (process != null && process.isAlive()) {
            process.toHandle().destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("etcd member " + member + " survived SIGKILL for 30 s");
            }
        }
    }

    /** Starts a killed member again on its ports and data, and waits until it answers. */
    public void restart(int member) throws IOException {
        launch(member);
        awaitHealthy(member);
    }

    /** Starts a killed member again without waiting for it (e.g. while the others are down too). */
    public void launch(int index) throws IOException {
        Member member = members.get(index);
        String initial = members.stream().map(m -> m.name() + "=" + m.peer()).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--name", member.name(),
                "--data-dir", dir.resolve(member.name()).toString(),
                "--listen-client-urls", member.client(tls != null).toString(),
                "--advertise-client-urls", member.client(tls != null).toString(),
                "--listen-peer-urls", member.peer(), "--initial-advertise-peer-urls", member.peer(),
                "--initial-cluster", initial, "--initial-cluster-state", "new",
                "--initial-cluster-token", dir.getFileName().toString(),
                // Quick elections: a test that kills the leader waits half a second, not several.
                "--heartbeat-interval", "50", "--election-timeout", "500",
                "--logger", "zap", "--log-outputs", dir.resolve(member.name() + ".log").toString()));
        if (tls != null) {
            command.addAll(List.of("--cert-file", tls.resolve("server.pem").toString(), "--key-file",
                    tls.resolve("server-key.pem").toString(), "--trusted-ca-file", tls.resolve("ca.pem").toString(),
                    "--client-cert-auth"));
        }
        member.process()[0] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(member.name() + ".out").toFile()))
                .start();
    }

    /** Waits until a member reports itself healthy (it has a leader and quorum). */
    public void awaitHealthy(int member) {
        URI health = members.get(member).client(tls != null).resolve("/health");
        Awaits.atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> isHealthy(health));
    }

    private boolean isHealthy(URI health) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < members.size(); i++) {
            try {
                kill(i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free on 127.0.0.1 now: checked by binding it, then released for etcd to bind. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
