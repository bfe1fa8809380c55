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
 * temporary state folder (and functions folder, {@link #withFunctionsFolder()}), deleted after the
 * test, {@link #restart()} on the same state, and the HTTP shortcuts the repository's tests use.
 * Register with {@code @RegisterExtension final TestServer server = TestServer.create();}.
 * Bodies above 1 MiB get 413, and a closing runtime waits at most 10 s for running calls (2 s
 * when it stops as on SIGTERM).
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {
    /** How often a test server's functions folder is checked. */
    public static final Duration FOLDER_POLL = Duration.ofMillis(100);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> options;
    private final boolean watchesFolder;
    private final FaasJvmExtension extension;
    private Path stateDir;
    private Path functionsDir;
    /** The runtime {@link #startAgain()} started, which the extension does not know; null before. */
    private Provider restarted;

    private TestServer(List<String> options, boolean watchesFolder) {
        if (options.size() % 2 != 0) {
            throw new IllegalArgumentException("Options come in pairs, e.g. \"--max-inflight\", \"4\": " + options);
        }
        this.options = options;
        this.watchesFolder = watchesFolder;
        this.extension = FaasJvmExtension.create(this::configure);
    }

    public static TestServer create() {
        return new TestServer(List.of(), false);
    }

    /** A server with command-line options on top of the test defaults, e.g. {@code "--max-artifact-size", "1000"}. */
    public static TestServer withOptions(String... options) {
        return new TestServer(List.of(options), false);
    }

    /** A server that watches an empty temporary functions folder, {@link #functionsDir()}. */
    public static TestServer withFunctionsFolder() {
        return new TestServer(List.of(), true);
    }

    private ProviderConfig.Builder configure(ProviderConfig.Builder config) {
        config.stateDir(stateDir).set("--max-body-size", Integer.toString(1024 * 1024)).set("--drain-timeout", "10s")
                .set("--shutdown-grace", "2s");
        if (functionsDir != null) {
            config.functions(functionsDir).set("--functions-poll", FOLDER_POLL.toMillis() + "ms");
        }
        for (int i = 0; i < options.size(); i += 2) {
            config.set(options.get(i), options.get(i + 1));
        }
        return config;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        stateDir = Files.createTempDirectory("faas-jvm-test");
        functionsDir = watchesFolder ? Files.createTempDirectory("faas-jvm-functions") : null;
        restarted = null;
        extension.beforeEach(context);
    }

    /** The state directory of this test's runtime (deleted after the test), kept across {@link #restart()}. */
    public Path stateDir() {
        return stateDir;
    }

    /** The watched functions folder; only for {@link #withFunctionsFolder()}. */
    public Path functionsDir() {
        if (functionsDir == null) {
            throw new IllegalStateException("This TestServer watches no folder; create it withFunctionsFolder()");
        }
        return functionsDir;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (restarted != null) {
                restarted.close();
            }
        } finally {
            try {
                extension.afterEach(context);
            } finally {
                deleteRecursively(stateDir);
                deleteRecursively(functionsDir);
            }
        }
    }

    /** Stops the runtime as a clean shutdown would and starts a new one on the same state (and folder). */
    public void restart() throws Exception {
        stop();
        startAgain();
    }

    /** Stops the runtime, keeping its state (and folder) for {@link #startAgain()}. */
    public void stop() throws Exception {
        provider().close();
    }

    /** Starts a new runtime on the state (and folder) of the stopped one, as the extension started the first. */
    public void startAgain() throws Exception {
        restarted = Provider.create(configure(ProviderConfig.builder().host("127.0.0.1").port(0)).build()).start();
    }

    public Provider provider() {
        return restarted != null ? restarted : extension.provider();
    }

    public HttpClient client() {
        return client;
    }

    /** An absolute URI on this server, e.g. {@code uri("/system/functions")}. */
    public URI uri(String path) {
        return provider().uri(path);
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
