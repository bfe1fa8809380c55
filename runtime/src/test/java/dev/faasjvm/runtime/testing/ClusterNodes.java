package dev.faasjvm.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;

/**
 * Several faas-jvm processes ({@link ForkedRuntime}) forming one cluster over an {@link EtcdCluster}:
 * each with its own state folder and node name ({@code n1}, {@code n2}, ...), started at once.
 * Nodes can be killed with SIGKILL and started again on their state folder. {@link #close()}
 * kills every node.
 */
public final class ClusterNodes implements AutoCloseable {
    private final Path dir;
    private final String endpoints;
    private final List<String> extraArgs;
    /** Each node's own arguments besides the common ones, by node index. */
    private final IntFunction<List<String>> nodeArgs;
    private final ForkedRuntime[] nodes;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterNodes(Path dir, String endpoints, int size, List<String> extraArgs,
            IntFunction<List<String>> nodeArgs) {
        this.dir = dir;
        this.endpoints = endpoints;
        this.extraArgs = extraArgs;
        this.nodeArgs = nodeArgs;
        this.nodes = new ForkedRuntime[size];
    }

    /** Starts {@code size} nodes in parallel; returns once every one serves (it has converged first). */
    public static ClusterNodes start(Path dir, EtcdCluster etcd, int size, String... extraArgs) {
        return start(dir, etcd, size, node -> List.of(), extraArgs);
    }

    /** As {@link #start(Path, EtcdCluster, int, String...)}, each node with arguments of its own too (by index). */
    public static ClusterNodes start(Path dir, EtcdCluster etcd, int size, IntFunction<List<String>> nodeArgs,
            String... extraArgs) {
        ClusterNodes cluster = new ClusterNodes(dir, etcd.endpoints(), size, List.of(extraArgs), nodeArgs);
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int node = i;
            starting.add(CompletableFuture.runAsync(() -> cluster.launch(node)));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts one node (again) on its state folder and returns once it serves. */
    public void launch(int node) {
        try {
            Path state = dir.resolve("n" + (node + 1));
            Files.createDirectories(state);
            List<String> args = new ArrayList<>(List.of("--etcd", endpoints, "--node-name", "n" + (node + 1),
                    "--node-ttl", "3s"));
            args.addAll(extraArgs);
            args.addAll(nodeArgs.apply(node));
            nodes[node] = ForkedRuntime.start(state, dir.resolve("n" + (node + 1) + ".err"), args.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILLs one node. */
    public void kill(int node) throws InterruptedException {
        nodes[node].kill();
    }

    /** Pauses one node with SIGSTOP: it holds its sockets and state but runs nothing, as a hung machine. */
    public void pause(int node) {
        nodes[node].signal("STOP");
    }

    /** Lets a paused node run again (SIGCONT). */
    public void resume(int node) {
        nodes[node].signal("CONT");
    }

    public int size() {
        return nodes.length;
    }

    public ForkedRuntime node(int node) {
        return nodes[node];
    }

    public URI uri(int node, String path) {
        return nodes[node].uri(path);
    }

    /** A request to one node, answered as text. */
    public HttpResponse<String> send(int node, String method, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(int node, String path) {
        return send(node, "GET", path, null);
    }

    /** What each node printed on standard error, for a failure's message. */
    public String errors() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                text.append("--- n").append(i + 1).append(":\n").append(nodes[i].errors());
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        for (ForkedRuntime node : nodes) {
            if (node != null && node.isAlive()) {
                try {
                    node.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
