package dev.faasjvm.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
import dev.faasjvm.runtime.auth.BasicCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real faas-jvm on an ephemeral port for one test, configured as the public
 * {@code FaasJvmExtension} configures one, plus a temporary state folder (and functions folder,
 * {@link #withFunctionsFolder()}), deleted after the test, {@link #restart()} on the same state, a
 * {@link FakeTicker} as the runtime's time source for idle scale-to-zero and the warm-loader cache
 * (so tests advance time instead of waiting; the extension has no way to pass one), and the HTTP
 * shortcuts the repository's tests use. Register with
 * {@code @RegisterExtension final TestServer server = TestServer.create();}. Bodies above 1 MiB
 * get 413, and a closing runtime waits at most 10 s for running calls (2 s when it stops as on
 * SIGTERM).
 *
 * <p>Basic auth is on, as it is by default, with {@link #CREDENTIALS}, and every helper sends them;
 * {@link #sendAnonymous} does not. {@link #withoutAuth()} runs with {@code basic_auth=false}
 * instead.
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {
    /** How often a test server's functions folder is checked. */
    public static final Duration FOLDER_POLL = Duration.ofMillis(100);
    /** What a server with auth on requires on {@code /system/*}. */
    public static final BasicCredentials CREDENTIALS = new BasicCredentials("test-admin", "test-password-42");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final boolean auth;
    private final List<String> options;
    private final boolean watchesFolder;
    private final FakeTicker ticker = new FakeTicker();
    /** The runtime now serving: the first one, or the one {@link #startAgain()} started; null when none. */
    private Provider provider;
    private Path stateDir;
    private Path functionsDir;

    private TestServer(boolean auth, List<String> options, boolean watchesFolder) {
        if (options.size() % 2 != 0) {
            throw new IllegalArgumentException("Options come in pairs, e.g. \"--max-inflight\", \"4\": " + options);
        }
        this.auth = auth;
        this.options = options;
        this.watchesFolder = watchesFolder;
    }

    /** A server with basic auth on, whose helpers send {@link #CREDENTIALS}. */
    public static TestServer create() {
        return new TestServer(true, List.of(), false);
    }

    /**
     * A server (basic auth on) with command-line options on top of the test defaults, e.g.
     * {@code "--max-artifact-size", "1000"}.
     */
    public static TestServer withOptions(String... options) {
        return new TestServer(true, List.of(options), false);
    }

    /** A server (basic auth on) that watches an empty temporary functions folder, {@link #functionsDir()}. */
    public static TestServer withFunctionsFolder() {
        return new TestServer(true, List.of(), true);
    }

    /** The same server with {@code basic_auth=false}: {@code /system/*} is open. */
    public TestServer withoutAuth() {
        return new TestServer(false, options, watchesFolder);
    }

    private ProviderConfig.Builder configure(ProviderConfig.Builder config) {
        config.stateDir(stateDir).set("--max-body-size", Integer.toString(1024 * 1024)).set("--drain-timeout", "10s")
                .set("--shutdown-grace", "2s")
                .set("--secret-mount-path", stateDir.resolve("no-secret-mount").toString()).basicAuth(auth);
        if (auth) {
            config.set("--basic-auth-user", CREDENTIALS.user())
                    .set("--basic-auth-password-file", stateDir.resolve("test-basic-auth-password").toString());
        }
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
        Files.writeString(stateDir.resolve("test-basic-auth-password"), CREDENTIALS.password() + "\n",
                StandardCharsets.UTF_8);
        functionsDir = watchesFolder ? Files.createTempDirectory("faas-jvm-functions") : null;
        startAgain();
    }

    /**
     * The time source of idle scale-to-zero and the warm class-loader cache: it stands still
     * unless a test advances it. A restarted runtime shares it.
     */
    public FakeTicker ticker() {
        return ticker;
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
            if (provider != null) {
                provider.close();
            }
        } finally {
            deleteRecursively(stateDir);
            deleteRecursively(functionsDir);
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

    /** Starts a new runtime on the state (and folder) of the stopped one, configured as the first. */
    public void startAgain() throws Exception {
        provider = Provider.create(configure(ProviderConfig.builder().host("127.0.0.1").port(0)).build(), ticker)
                .start();
    }

    public Provider provider() {
        return provider;
    }

    public HttpClient client() {
        return client;
    }

    /** An absolute URI on this server, e.g. {@code uri("/system/functions")}. */
    public URI uri(String path) {
        return provider().uri(path);
    }

    /** Sends a request with the test credentials (when auth is on). */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        return sendAnonymous(authenticated(request));
    }

    /** Sends a request as it is, without credentials. */
    public HttpResponse<String> sendAnonymous(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds the test credentials' {@code Authorization} header when auth is on. */
    public HttpRequest.Builder authenticated(HttpRequest.Builder request) {
        return auth ? request.header("Authorization", CREDENTIALS.header()) : request;
    }

    /** Sends a GET (with the credentials when auth is on) without waiting for the answer, for overlapping calls. */
    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return client.sendAsync(authenticated(HttpRequest.newBuilder(uri(path)).GET()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends {@code calls} GETs to {@code busyPath} and returns once all of them are running, which
     * a GET to {@code probePath} answering 429 proves (every place is taken, and only these calls
     * hold places). A call refused because a probe held its place for a moment is sent again.
     */
    public List<CompletableFuture<HttpResponse<String>>> occupy(String busyPath, String probePath, int calls) {
        List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            running.add(getAsync(busyPath));
        }
        Awaits.atMost(Duration.ofSeconds(30)).until(() -> {
            for (int i = 0; i < running.size(); i++) {
                CompletableFuture<HttpResponse<String>> call = running.get(i);
                if (call.isDone() && call.join().statusCode() == 429) {
                    running.set(i, getAsync(busyPath));
                }
            }
            return get(probePath).statusCode() == 429 && running.stream().noneMatch(CompletableFuture::isDone);
        });
        return running;
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

    /** How many log streams follow a function of the default namespace now. */
    public int logFollowers(String function) {
        return provider().logs().followers(function, "openfaas-fn");
    }

    /** POSTs a deployment body and checks the provider accepted it. */
    public void deployJson(String body) {
        HttpResponse<String> response = post("/system/functions", body);
        if (response.statusCode() != 202) {
            throw new AssertionError("Deploying " + body + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** {@code GET /system/function/{name}} as JSON; fails unless it answers 200. */
    public JsonNode status(String name) {
        HttpResponse<String> response = get("/system/function/" + name);
        if (response.statusCode() != 200) {
            throw new AssertionError("Status of " + name + " answered " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The desired replicas of a function; a missing field is 0, as the contract says. */
    public int replicas(String name) {
        return status(name).path("replicas").asInt(0);
    }

    /** The ready replicas of a function; a missing field is 0. */
    public int availableReplicas(String name) {
        return status(name).path("availableReplicas").asInt(0);
    }

    /** {@code POST /system/scale-function/{name}} with the body the gateway sends; returns the status code. */
    public int scale(String name, int replicas) {
        return post("/system/scale-function/" + name, "{\"serviceName\":\"" + name + "\",\"replicas\":" + replicas
                + "}").statusCode();
    }

    /** Deploys a sample JAR under a name and checks the provider accepted it. */
    public void deploy(String name, String sample) {
        deploy(Samples.deployment(name, sample));
    }

    /** Deploys a FunctionDeployment given as JSON and checks the provider accepted it. */
    public void deploy(String deploymentJson) {
        HttpResponse<String> response = post("/system/functions", deploymentJson);
        if (response.statusCode() != 202) {
            throw new AssertionError("Deploying " + deploymentJson + " answered " + response.statusCode() + ": "
                    + response.body());
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
