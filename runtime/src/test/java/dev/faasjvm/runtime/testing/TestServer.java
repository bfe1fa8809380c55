package dev.faasjvm.runtime.testing;

import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
import dev.faasjvm.runtime.junit.FaasJvmExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real faas-jvm on an ephemeral port for one test: a thin wrapper over the public
 * {@link FaasJvmExtension} (which starts it before each test and closes it after) that adds a
 * temporary state folder, deleted after the test, and the HTTP shortcuts the repository's tests
 * use. Register with {@code @RegisterExtension final TestServer server = TestServer.create();}.
 * Bodies above 1 MiB get 413, and a closing runtime waits at most 10 s for running calls.
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> options;
    private final FaasJvmExtension extension;
    private Path stateDir;

    private TestServer(List<String> options) {
        if (options.size() % 2 != 0) {
            throw new IllegalArgumentException("Options come in pairs, e.g. \"--max-inflight\", \"4\": " + options);
        }
        this.options = options;
        this.extension = FaasJvmExtension.create(this::configure);
    }

    public static TestServer create() {
        return new TestServer(List.of());
    }

    /** A server with command-line options on top of the test defaults, e.g. {@code "--max-artifact-size", "1000"}. */
    public static TestServer withOptions(String... options) {
        return new TestServer(List.of(options));
    }

    private ProviderConfig.Builder configure(ProviderConfig.Builder config) {
        config.stateDir(stateDir).set("--max-body-size", Integer.toString(1024 * 1024)).set("--drain-timeout", "10s");
        for (int i = 0; i < options.size(); i += 2) {
            config.set(options.get(i), options.get(i + 1));
        }
        return config;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        stateDir = Files.createTempDirectory("faas-jvm-test");
        extension.beforeEach(context);
    }

    /** The state directory of this test's runtime (deleted after the test). */
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            extension.afterEach(context);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    public Provider provider() {
        return extension.provider();
    }

    public HttpClient client() {
        return client;
    }

    /** An absolute URI on this server, e.g. {@code uri("/system/functions")}. */
    public URI uri(String path) {
        return extension.provider().uri(path);
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
