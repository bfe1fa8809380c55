package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.backend.CapacityExceededException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.junit.DeployClass;
import dev.faasjvm.runtime.junit.DeployJar;
import dev.faasjvm.runtime.junit.FaasJvmTest;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Gate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} after known traffic: OpenFaaS gateway names, faas-provider's, faas-jvm's, the JVM's. */
@FaasJvmTest(settings = "FAAS_JVM_MAX_INFLIGHT=1")
@DeployJar(name = "echo", path = "${faasjvm.samples.dir}/echo.jar")
@DeployJar(name = "fail", path = "${faasjvm.samples.dir}/fail.jar")
final class MetricsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ECHO = "function_name=\"echo.openfaas-fn\"";

    @Test
    void metrics_afterKnownCalls_countsThemByFunctionAndCode(Provider faas) throws Exception {
        for (int i = 0; i < 3; i++) {
            post(faas, "/function/echo", "hi");
        }
        faas.invoke("echo", "without HTTP");
        post(faas, "/function/fail", "x");
        post(faas, "/function/nope", "x");

        Map<String, Double> metrics = scrape(faas);

        assertAll(
                () -> assertEquals(4.0, metrics.get("gateway_function_invocation_total{code=\"200\"," + ECHO + "}")),
                () -> assertEquals(1.0, metrics.get(
                        "gateway_function_invocation_total{code=\"500\",function_name=\"fail.openfaas-fn\"}")),
                () -> assertEquals(4.0, metrics.get("gateway_functions_seconds_count{code=\"200\"," + ECHO + "}")),
                () -> assertEquals(4.0, metrics.get("gateway_functions_seconds_bucket{code=\"200\"," + ECHO
                        + ",le=\"+Inf\"}")),
                () -> assertFalse(metrics.keySet().stream().anyMatch(series -> series.contains("nope")),
                        "an unknown function makes no series"),
                () -> assertEquals(1.0, metrics.get("gateway_service_count{" + ECHO + "}")),
                () -> assertEquals(1.0, metrics.get("faasjvm_function_replicas_desired{" + ECHO + "}")),
                () -> assertEquals(1.0, metrics.get("faasjvm_function_replicas_available{" + ECHO + "}")),
                () -> assertEquals(0.0, metrics.get("faasjvm_function_inflight{" + ECHO + "}")),
                () -> assertEquals(0.0, metrics.get("faasjvm_function_stuck_workers{" + ECHO + "}")),
                () -> assertEquals(0.0, metrics.get("faasjvm_function_leaked_loaders{" + ECHO + "}")));
    }

    @Test
    void functionStatus_invocationCount_comesFromTheSameCounters(Provider faas) throws Exception {
        post(faas, "/function/echo", "a");
        post(faas, "/function/echo", "b");
        post(faas, "/function/fail", "c");

        double fromStatus = new ObjectMapper().readTree(get(faas, "/system/function/echo").body())
                .get("invocationCount").asDouble();
        double fromList = new ObjectMapper().readTree(get(faas, "/system/functions").body())
                .get(0).get("invocationCount").asDouble();

        assertEquals(2.0, fromStatus);
        assertEquals(2.0, fromList);
    }

    @Test
    @DeployClass(name = "gate", value = Gate.class)
    void metrics_callHeldAndOneRefused_showInFlightAnd429(Provider faas) throws Exception {
        Gate.close(1);
        CompletableFuture<FunctionResponse> held = faas.invokeAsync("gate",
                Invocation.of("POST", "/", "held".getBytes(StandardCharsets.UTF_8)));
        Gate.awaitEntered();
        Map<String, Double> during;
        try {
            assertEquals(429, post(faas, "/function/gate", "refused").statusCode());
            assertThrows(CapacityExceededException.class, () -> faas.invoke("gate", "refused too"));
            during = scrape(faas);
        } finally {
            Gate.open();
        }
        held.get();

        Map<String, Double> after = scrape(faas);
        String gate = "function_name=\"gate.openfaas-fn\"";
        assertAll(
                () -> assertEquals(1.0, during.get("faasjvm_function_inflight{" + gate + "}")),
                () -> assertEquals(2.0, during.get("gateway_function_invocation_total{code=\"429\"," + gate + "}")),
                () -> assertEquals(2.0, during.get("faasjvm_function_rejected_total{" + gate + "}")),
                () -> assertEquals(0.0, after.get("faasjvm_function_inflight{" + gate + "}")),
                () -> assertEquals(1.0, after.get("gateway_function_invocation_total{code=\"200\"," + gate + "}")));
    }

    @Test
    void metrics_systemRequests_countedByCodeMethodAndCollapsedPath(Provider faas) throws Exception {
        get(faas, "/system/functions");
        get(faas, "/system/function/echo");
        get(faas, "/system/function/nope");

        Awaits.atMost(Duration.ofSeconds(10)).until(() -> scrape(faas).containsKey(
                "provider_http_requests_total{code=\"404\",method=\"GET\",path=\"/system/function\"}"));
        Map<String, Double> metrics = scrape(faas);
        assertAll(
                () -> assertEquals(1.0, metrics.get(
                        "provider_http_requests_total{code=\"200\",method=\"GET\",path=\"/system/functions\"}")),
                () -> assertEquals(1.0, metrics.get(
                        "provider_http_requests_total{code=\"200\",method=\"GET\",path=\"/system/function\"}")),
                () -> assertEquals(1.0, metrics.get(
                        "provider_http_requests_total{code=\"404\",method=\"GET\",path=\"/system/function\"}")),
                () -> assertEquals(1.0, metrics.get("provider_http_request_duration_seconds_count{code=\"200\","
                        + "method=\"GET\",path=\"/system/functions\"}")));
    }

    @Test
    void metrics_jvm_heapMetaspaceThreadsClasses(Provider faas) throws Exception {
        HttpResponse<String> response = get(faas, "/metrics");

        Map<String, Double> metrics = parse(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain;"
                        + " version=0.0.4"), response.headers().toString()),
                () -> assertTrue(metrics.get("jvm_memory_used_bytes{area=\"heap\"}") > 0),
                () -> assertTrue(metrics.get("jvm_memory_pool_used_bytes{pool=\"Metaspace\"}") > 0),
                () -> assertTrue(metrics.get("jvm_threads_current") > 0),
                () -> assertTrue(metrics.get("jvm_classes_currently_loaded") > 0));
    }

    @Test
    void delete_removesTheFunctionsSeries(Provider faas) throws Exception {
        post(faas, "/function/echo", "a");

        faas.delete("echo");

        assertFalse(scrape(faas).keySet().stream().anyMatch(series -> series.contains(ECHO)), faas.metrics());
    }

    private static Map<String, Double> scrape(Provider faas) throws IOException, InterruptedException {
        return parse(get(faas, "/metrics").body());
    }

    /** Each sample line, {@code name{labels} value}, as series to value. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return series;
    }

    private static HttpResponse<String> get(Provider faas, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(faas.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(Provider faas, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(faas.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
