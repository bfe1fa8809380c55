package dev.faasjvm.runtime.testing;

import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real faas-jvm on an ephemeral port for one test: started before each test, stopped (and its
 * state folder deleted) after. Register with {@code @RegisterExtension final TestServer server =
 * TestServer.create();}. Exposes {@link #uri(String)}, a JDK {@link HttpClient} and shortcuts for
 * the calls tests make most.
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> options;
    private Provider provider;
    private Path stateDir;

    private TestServer(List<String> options) {
        this.options = options;
    }

    public static TestServer create() {
        return new TestServer(List.of());
    }

    /** A server with command-line options on top of the test defaults, e.g. {@code "--max-artifact-size", "1000"}. */
    public static TestServer withOptions(String... options) {
        return new TestServer(List.of(options));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        stateDir = Files.createTempDirectory("faas-jvm-test");
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
                "--state-dir", stateDir.toString(), "--max-body-size", Integer.toString(1024 * 1024),
                "--drain-timeout", "10s"));
        args.addAll(options);
        provider = Provider.create(ProviderConfig.parse(args, Map.of())).start();
    }

    /** The state directory of this test's runtime (deleted after the test). */
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            provider.close();
        } finally {
            deleteRecursively(stateDir);
        }
    }

    public Provider provider() {
        return provider;
    }

    public HttpClient client() {
        return client;
    }

    /** An absolute URI on this server, e.g. {@code uri("/system/functions")}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + provider.port() + path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> delete(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).method("DELETE", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Deploys a sample JAR under a name and checks the provider accepted it. */
    public void deploy(String name, String sample) {
        HttpResponse<String> response = post("/system/functions", Samples.deployment(name, sample));
        if (response.statusCode() != 202) {
            throw new AssertionError("Deploying " + sample + " as " + name + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
