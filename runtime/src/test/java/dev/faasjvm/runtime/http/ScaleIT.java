package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /system/scale-function/{name}}, replicas and scale from zero, over HTTP with the sample JARs. */
final class ScaleIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void scale_up_answers202AndAvailableReplicasFollow() {
        server.deploy("echo", "echo");

        int status = server.scale("echo", 4);

        assertEquals(202, status);
        assertEquals(4, server.replicas("echo"), "replicas is the desired count at once");
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("echo") == 4);
        assertEquals("hi", server.post("/function/echo", "hi").body());
    }

    @Test
    void scale_down_removesReplicasAndClosesTheirHandlers(@TempDir Path dir) throws IOException {
        Path closeLog = dir.resolve("closed.log");
        server.deployJson(lifecycle(closeLog, "\"com.openfaas.scale.min\":\"3\""));

        assertEquals(202, server.scale("lifecycle", 1));

        Awaits.atMost(WAIT).until(() -> server.availableReplicas("lifecycle") == 1);
        Awaits.atMost(WAIT).until(() -> Files.exists(closeLog) && Files.readAllLines(closeLog).size() == 2);
        Set<String> closed = Set.copyOf(Files.readAllLines(closeLog));
        String kept = server.get("/function/lifecycle").body().split(" ")[0].replace("replica=", "");

        assertEquals(2, closed.size(), closed.toString());
        assertTrue(closed.stream().allMatch(line -> line.matches("closed lifecycle-1-[123]")), closed.toString());
        assertFalse(closed.contains("closed " + kept), "the replica still serving is not closed: " + kept);
    }

    @Test
    void scale_down_letsRunningCallsFinish() {
        server.deployJson("{\"service\":\"sleep\",\"image\":\"" + Samples.jar("sleep").toUri()
                + "\",\"labels\":{\"com.openfaas.scale.min\":\"2\"},\"envVars\":{\"max_inflight\":\"1\"}}");
        List<CompletableFuture<HttpResponse<String>>> running = server.occupy("/function/sleep?ms=3000",
                "/function/sleep", 2);

        assertEquals(202, server.scale("sleep", 0));

        for (CompletableFuture<HttpResponse<String>> call : running) {
            HttpResponse<String> response = call.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("slept 3000ms", response.body());
        }
    }

    @Test
    void scale_missingFunction_answers404() {
        HttpResponse<String> response = server.post("/system/scale-function/nope",
                "{\"serviceName\":\"nope\",\"replicas\":1}");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("\"nope\" not found"), response.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"serviceName\":\"echo\",\"replicas\":-1}|replicas",
        "{\"serviceName\":\"echo\",\"replicas\":\"2\"}|replicas",
        "{\"serviceName\":\"echo\",|Invalid JSON",
        "|empty",
        "{\"serviceName\":\"other\",\"replicas\":1}|differs"})
    void scale_malformedRequest_answers400(String body, String expected) {
        server.deploy("echo", "echo");

        HttpResponse<String> response = server.post("/system/scale-function/echo", body == null ? "" : body);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(expected), "expected \"" + expected + "\" in: " + response.body());
        assertEquals(1, server.replicas("echo"));
    }

    @Test
    void scale_wrongMethod_answers405() {
        assertEquals(405, server.get("/system/scale-function/echo").statusCode());
    }

    @Test
    void scale_aboveMaxLabel_isClampedToIt() {
        server.deployJson("{\"service\":\"echo\",\"image\":\"" + Samples.jar("echo").toUri()
                + "\",\"labels\":{\"com.openfaas.scale.max\":\"3\"}}");

        assertEquals(202, server.scale("echo", 10));

        assertEquals(3, server.replicas("echo"));
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("echo") == 3);
    }

    @Test
    void scale_namespaceInQueryOrBody_isUsed() {
        server.deploy("echo", "echo");

        HttpResponse<String> query = server.post("/system/scale-function/echo?namespace=openfaas-fn",
                "{\"serviceName\":\"echo\",\"replicas\":2}");
        HttpResponse<String> body = server.post("/system/scale-function/echo",
                "{\"serviceName\":\"echo\",\"replicas\":3,\"namespace\":\"openfaas-fn\"}");
        HttpResponse<String> other = server.post("/system/scale-function/echo?namespace=elsewhere",
                "{\"serviceName\":\"echo\",\"replicas\":1}");

        assertAll(
                () -> assertEquals(202, query.statusCode()),
                () -> assertEquals(202, body.statusCode()),
                () -> assertEquals(400, other.statusCode(), "an unknown namespace, as faasd answers"),
                () -> assertEquals(3, server.replicas("echo")));
    }

    @Test
    void scale_toZero_statusOmitsReplicasAndAJustCallScalesBackUp() throws IOException {
        server.deploy("echo", "echo");

        assertEquals(202, server.scale("echo", 0));
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("echo") == 0);
        JsonNode atZero = server.status("echo");
        HttpResponse<String> call = server.post("/function/echo", "from zero");

        assertFalse(atZero.has("replicas"), "0 is omitted, as Go's omitempty does: " + atZero);
        assertFalse(atZero.has("availableReplicas"), atZero.toString());
        assertEquals(200, call.statusCode(), call.body());
        assertEquals("from zero", call.body());
        assertEquals(1, server.replicas("echo"));
        assertEquals(1, server.availableReplicas("echo"));
    }

    @Test
    void scaleFromZero_minLabel_scalesToMin() {
        server.deployJson("{\"service\":\"echo\",\"image\":\"" + Samples.jar("echo").toUri()
                + "\",\"labels\":{\"com.openfaas.scale.min\":\"2\"}}");
        server.scale("echo", 0);
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("echo") == 0);

        assertEquals(200, server.post("/function/echo", "x").statusCode());

        assertEquals(2, server.replicas("echo"));
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("echo") == 2);
    }

    @Test
    void scaleFromZero_manyConcurrentCalls_allSucceed() {
        server.deploy("echo", "echo");
        server.scale("echo", 0);
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("echo") == 0);

        List<HttpResponse<String>> responses = IntStream.range(0, 16)
                .mapToObj(i -> server.getAsync("/function/echo")).collect(Collectors.toList()).stream()
                .map(CompletableFuture::join).collect(Collectors.toList());

        assertTrue(responses.stream().allMatch(response -> response.statusCode() == 200),
                responses.stream().map(HttpResponse::statusCode).collect(Collectors.toList()).toString());
        assertEquals(1, server.replicas("echo"));
    }

    @Test
    void gatewayFlow_readsZeroScalesAndPollsAvailable() {
        server.deploy("echo", "echo");
        server.scale("echo", 0);
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("echo") == 0);

        // What the gateway's scale-from-zero interceptor does (contract 3.1): namespace in the query only.
        int replicasSeen = server.replicas("echo");
        HttpResponse<String> scale = server.post("/system/scale-function/echo?namespace=openfaas-fn",
                "{\"serviceName\":\"echo\",\"replicas\":1}");
        Awaits.atMost(WAIT).until(() -> server.availableReplicas("echo") > 0);

        assertEquals(0, replicasSeen);
        assertEquals(202, scale.statusCode());
        assertEquals("ok", server.post("/function/echo", "ok").body());
    }

    @Test
    void replicas_serveOnThreadsNamedAfterFunctionReplicaAndNumber() {
        server.deploy("lifecycle", "lifecycle");

        String body = server.get("/function/lifecycle").body();

        assertTrue(body.matches("replica=lifecycle-\\d+-1 constructed=1 thread=fn-lifecycle-\\d+-1-\\d+"), body);
    }

    @Test
    void calls_goToTheReplicaWithFewestInFlight() {
        server.deployJson("{\"service\":\"sleep\",\"image\":\"" + Samples.jar("sleep").toUri()
                + "\",\"labels\":{\"com.openfaas.scale.min\":\"2\"},\"envVars\":{\"max_inflight\":\"1\"}}");

        // One place per replica: the second call succeeds only if it goes to the idle replica.
        List<HttpResponse<String>> responses = IntStream.range(0, 2)
                .mapToObj(i -> server.getAsync("/function/sleep?ms=500")).collect(Collectors.toList()).stream()
                .map(CompletableFuture::join).collect(Collectors.toList());

        assertEquals(List.of(200, 200), responses.stream().map(HttpResponse::statusCode).collect(Collectors.toList()));
    }

    private static String lifecycle(Path closeLog, String labels) {
        return "{\"service\":\"lifecycle\",\"image\":\"" + Samples.jar("lifecycle").toUri()
                + "\",\"envVars\":{\"CLOSE_LOG\":\"" + closeLog + "\"},\"labels\":{" + labels + "}}";
    }
}
