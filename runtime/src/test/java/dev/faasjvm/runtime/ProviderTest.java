package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.CapacityExceededException;
import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Gate;
import dev.faasjvm.runtime.testing.Greeter;
import dev.faasjvm.runtime.testing.Threads;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedding API: a runtime built, started, used and closed from code, functions from the class path. */
final class ProviderTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Provider provider;

    @AfterEach
    void closeProvider() throws Exception {
        if (provider != null) {
            provider.close();
        }
    }

    private Provider start(ProviderConfig.Builder config) throws Exception {
        provider = Provider.create(config.host("127.0.0.1").port(0).inMemoryState().build()).start();
        return provider;
    }

    @Test
    void start_portZero_readsBackTheEphemeralPortAndServes() throws Exception {
        Provider faas = start(ProviderConfig.builder());

        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(faas.uri("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertTrue(faas.port() > 0, "port " + faas.port());
        assertEquals("http://127.0.0.1:" + faas.port() + "/", faas.uri().toString());
        assertEquals(200, health.statusCode());
    }

    @Test
    void inMemoryState_hasNoStateDir() throws Exception {
        Provider faas = start(ProviderConfig.builder());

        assertTrue(faas.config().state().isEmpty());
    }

    @Test
    void deployClass_invokeWithoutHttp_answersFromTheHandler() throws Exception {
        Provider faas = start(ProviderConfig.builder());

        faas.deploy("greeter", Greeter.class);
        FunctionResponse response = faas.invoke("greeter", "Ada");

        assertEquals(200, response.status());
        assertEquals("Hello, Ada!", response.bodyAsString());
    }

    @Test
    void deployClass_invokeOverHttp_answersFromTheHandler() throws Exception {
        Provider faas = start(ProviderConfig.builder());
        faas.deploy("greeter", Greeter.class);

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(faas.uri("/function/greeter"))
                .POST(HttpRequest.BodyPublishers.ofString("Bob")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("Hello, Bob!", response.body());
    }

    @Test
    void deployClass_sharesTheTestsClassLoader() throws Exception {
        Provider faas = start(ProviderConfig.builder());
        faas.deploy("greeter", Greeter.class);

        FunctionResponse response = faas.invoke("greeter", "x");

        assertEquals(String.valueOf(Greeter.class.getClassLoader()), response.headers().get("X-Loader").get(0),
                "a class-path function is not isolated");
    }

    @Test
    void deployClassWithSpec_getsItsEnvVarsAndIsListedWithItsImage() throws Exception {
        Provider faas = start(ProviderConfig.builder());

        faas.deploy(FunctionDeployment.of("hi", faas.image(Greeter.class)).withEnvVars(Map.of("GREETING", "Hi")));

        assertEquals("Hi, Cy!", faas.invoke("hi", "Cy").bodyAsString());
        assertEquals("class:" + Greeter.class.getName(),
                faas.backend().status("hi", "openfaas-fn").orElseThrow().image());
    }

    @Test
    void deployClass_notAHandler_isRefusedNamingIt() throws Exception {
        Provider faas = start(ProviderConfig.builder());

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> faas.deploy("s", String.class));

        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void classImage_notRegistered_isRefusedOverHttp() throws Exception {
        Provider faas = start(ProviderConfig.builder());

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(faas.uri("/system/functions"))
                .header("Authorization", faas.credentials().orElseThrow().header())
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"x\",\"image\":\"class:java.lang.Thread\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("registered"), response.body());
    }

    @Test
    void inMemoryState_generatesCredentialsForThisRunOnly_whichTheSystemRoutesRequire() throws Exception {
        Provider faas = start(ProviderConfig.builder().set("secret_mount_path", "/nonexistent"));

        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(faas.uri("/system/functions")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> authenticated = HTTP.send(HttpRequest.newBuilder(faas.uri("/system/functions"))
                .header("Authorization", faas.credentials().orElseThrow().header()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, anonymous.statusCode());
        assertEquals(200, authenticated.statusCode());
        assertTrue(faas.authentication().orElseThrow().contains("generated for this run only"),
                faas.authentication().orElseThrow());
    }

    @Test
    void basicAuthOff_hasNoCredentials() throws Exception {
        Provider faas = start(ProviderConfig.builder().basicAuth(false));

        assertTrue(faas.credentials().isEmpty());
        assertTrue(faas.authentication().isEmpty());
    }

    @Test
    void invoke_qualifiedName_reachesTheNamespace() throws Exception {
        Provider faas = start(ProviderConfig.builder());
        faas.deploy("greeter", Greeter.class);

        assertEquals("Hello, ns!", faas.invoke("greeter.openfaas-fn", "ns").bodyAsString());
    }

    @Test
    void invoke_unknownFunction_throwsNotFound() throws Exception {
        Provider faas = start(ProviderConfig.builder());

        assertThrows(FunctionNotFoundException.class, () -> faas.invoke("nope", "x"));
    }

    @Test
    void invoke_withinTheConcurrencyRightAfterDeploy_isNotRefused() throws Exception {
        Provider faas = start(ProviderConfig.builder().set("FAAS_JVM_MAX_INFLIGHT", "1"));

        for (int i = 0; i < 50; i++) {
            faas.deploy("g" + i, Greeter.class);
            // The thread that constructed the handler may not be idle yet: the call must not get 429 (issue 7).
            assertEquals("Hello, " + i + "!", faas.invoke("g" + i, Integer.toString(i)).bodyAsString());
        }
    }

    @Test
    void invoke_beyondTheReplicasConcurrency_throwsCapacityExceeded() throws Exception {
        Provider faas = start(ProviderConfig.builder().set("FAAS_JVM_MAX_INFLIGHT", "1"));
        faas.deploy("gate", Gate.class);
        Gate.close(1);
        CompletableFuture<FunctionResponse> held = faas.invokeAsync("gate",
                Invocation.of("POST", "/", "first".getBytes()));
        Gate.awaitEntered();

        try {
            assertThrows(CapacityExceededException.class, () -> faas.invoke("gate", "second"));
        } finally {
            Gate.open();
        }

        assertEquals("passed first", held.get().bodyAsString());
    }

    @Test
    void delete_thenInvoke_throwsNotFound() throws Exception {
        Provider faas = start(ProviderConfig.builder());
        faas.deploy("greeter", Greeter.class);

        faas.delete("greeter");

        assertThrows(FunctionNotFoundException.class, () -> faas.invoke("greeter", "x"));
    }

    @Test
    void close_stopsServingAndEndsFunctionThreads_andIsSafeTwice() throws Exception {
        Provider faas = start(ProviderConfig.builder());
        faas.deploy("greeter", Greeter.class);
        faas.invoke("greeter", "warm the replica's thread");

        faas.close();

        assertAll(
                () -> assertThrows(ConnectException.class, () -> HTTP.send(HttpRequest.newBuilder(
                        faas.uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString())),
                () -> assertEquals(List.of(), Threads.named("fn-greeter-"), "replica threads end in close()"),
                () -> Awaits.atMost(Duration.ofSeconds(10)).until(() -> Threads.named("faas-jvm-http").isEmpty()),
                () -> assertDoesNotThrow(faas::close, "a second close is harmless"));
    }

    @Test
    void builder_unknownSetting_namesIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> ProviderConfig.builder().set("FAAS_JVM_NOPE", "1"));

        assertTrue(e.getMessage().contains("FAAS_JVM_NOPE"), e.getMessage());
    }

    @Test
    void builder_settingByOptionOrEnvName_overridesTheDefault() {
        ProviderConfig config = ProviderConfig.builder().set("max-inflight", "3").set("FAAS_JVM_DRAIN_TIMEOUT", "2s")
                .set("--read-timeout", "5s").build();

        assertAll(
                () -> assertEquals(3, config.maxInflight()),
                () -> assertEquals(Duration.ofSeconds(2), config.drainTimeout()),
                () -> assertEquals(Duration.ofSeconds(5), config.readTimeout()),
                () -> assertEquals(8080, config.port(), "the rest keeps the command line's defaults"));
    }

    @Test
    void builder_readsNoProcessEnvironmentUnlessGiven() {
        ProviderConfig config = ProviderConfig.builder().environment(Map.of("port", "9001")).build();

        assertEquals(9001, config.port());
        assertFalse(ProviderConfig.builder().build().state().isEmpty(), "the default state dir");
    }

    @Test
    void parse_emptyStateDirOption_keepsStateInMemory() {
        assertTrue(ProviderConfig.parse(List.of("--state-dir="), Map.of()).state().isEmpty());
    }
}
