package dev.faasjvm.runtime.platform.lambda;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.KeyValueLines;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import dev.faasjvm.runtime.testing.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lambda sample's handlers, from its fat JAR and from its Lambda zip, called over real HTTP and
 * checked against what a Lambda function URL sends them and answers for them (issue 14).
 */
final class LambdaIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestServer server = TestServer.create();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lambda.jar", "lambda.zip"})
    void requestHandler_httpCall_seesTheFunctionUrlEventAndAnswersItsResponse(String artifact) {
        deploy("lam", artifact, "dev.faasjvm.samples.lambda.HttpHandler", "256Mi");

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(
                        "/function/lam/items/42?name=Ada&tag=a&tag=b"))
                .header("X-Greeting", "hello")
                .header("Cookie", "a=1; b=2")
                .header("User-Agent", "faas-test")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("payload")));

        String callId = response.headers().firstValue("X-Call-Id").orElseThrow();
        Map<String, String> seen = KeyValueLines.parse(response.body());
        assertAll(
                () -> assertEquals(201, response.statusCode(), response.body()),
                () -> assertEquals("text/plain", response.headers().firstValue("Content-Type").orElse("")),
                () -> assertEquals("lambda", response.headers().firstValue("X-Handled-By").orElse("")),
                () -> assertEquals(List.of("session=abc; Path=/", "theme=dark"), response.headers().allValues("Set-Cookie")),
                () -> assertEquals("2.0", seen.get("version")),
                () -> assertEquals("$default", seen.get("routeKey")),
                () -> assertEquals("/items/42", seen.get("rawPath")),
                () -> assertEquals("name=Ada&tag=a&tag=b", seen.get("rawQueryString")),
                () -> assertEquals("[a=1, b=2]", seen.get("cookies")),
                () -> assertEquals("{name=Ada, tag=a,b}", seen.get("queryStringParameters")),
                () -> assertEquals("hello", seen.get("header.x-greeting")),
                () -> assertEquals("POST", seen.get("method")),
                () -> assertEquals("/items/42", seen.get("path")),
                () -> assertEquals("HTTP/1.1", seen.get("protocol")),
                () -> assertTrue(InetAddress.getByName(seen.get("sourceIp")).isLoopbackAddress(), seen.get("sourceIp")),
                () -> assertEquals("faas-test", seen.get("userAgent")),
                () -> assertEquals(callId, seen.get("requestId")),
                () -> assertTrue(Math.abs(Long.parseLong(seen.get("timeEpoch")) - System.currentTimeMillis()) < 60_000),
                () -> assertEquals("payload", seen.get("body")),
                () -> assertEquals("false", seen.get("isBase64Encoded")),
                () -> assertEquals(callId, seen.get("context.awsRequestId")),
                () -> assertEquals("lam", seen.get("context.functionName")),
                () -> assertTrue(Integer.parseInt(seen.get("context.functionVersion")) > 0),
                () -> assertEquals("256", seen.get("context.memoryLimitInMB")),
                () -> assertEquals("true", seen.get("context.hasTimeLeft")));
    }

    @Test
    void requestHandler_binaryBody_arrivesBase64AndGoesBackAsBytes() {
        deploy("bin", "lambda.jar", "dev.faasjvm.samples.lambda.HttpHandler", "");
        byte[] bytes = {0, (byte) 0xff, (byte) 0xfe, 1, 2, 3};

        HttpResponse<byte[]> response = sendBytes("/function/bin", bytes);

        assertEquals(200, response.statusCode());
        assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(bytes, response.body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lambda.jar", "lambda.zip"})
    void streamHandler_getWithoutBody_receivesTheEventAsJsonAndItsOutputIsA200JsonBody(String artifact)
            throws IOException {
        deploy("stream", artifact, "dev.faasjvm.samples.lambda.StreamHandler", "");

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/stream?x=1"))
                .header("X-Greeting", "a").header("x-greeting", "b").GET());

        JsonNode event = JSON.readTree(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("")),
                () -> assertEquals("/", event.path("rawPath").asText()),
                () -> assertEquals("x=1", event.path("rawQueryString").asText()),
                () -> assertEquals("1", event.path("queryStringParameters").path("x").asText()),
                () -> assertEquals("a,b", event.path("headers").path("x-greeting").asText(), "repeated headers join"),
                () -> assertTrue(event.path("body").isMissingNode(), "no body, no body field"),
                () -> assertTrue(event.path("cookies").isMissingNode()),
                () -> assertEquals(false, event.path("isBase64Encoded").asBoolean(true)),
                () -> assertEquals("GET", event.path("requestContext").path("http").path("method").asText()),
                () -> assertEquals("anonymous", event.path("requestContext").path("accountId").asText()),
                () -> assertEquals("$default", event.path("requestContext").path("stage").asText()),
                () -> assertTrue(event.path("requestContext").path("time").asText().matches(
                        "\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lambda.jar", "lambda.zip"})
    void pojoMethod_namedAsClassColonColonMethod_isCalledWithItsMostSpecificOverload(String artifact)
            throws IOException {
        deploy("greet", artifact, "dev.faasjvm.samples.lambda.Greeter::greet", "");

        HttpResponse<String> response = server.get("/function/greet/hello?name=Ada");

        JsonNode answer = JSON.readTree(response.body());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("Hello, Ada!", answer.path("message").asText());
        assertEquals("/hello", answer.path("path").asText());
    }

    @Test
    void deploy_requestHandlerWithoutItsEventsLibrary_isA400NamingTheMissingClass(@TempDir Path dir)
            throws IOException {
        Path jar = Files.write(dir.resolve("no-events.jar"), Zips.of(entriesOf(Samples.dir().resolve("lambda.jar"),
                "dev/faasjvm/samples/lambda/")));

        HttpResponse<String> response = server.post("/system/functions", "{\"service\":\"bare\",\"image\":\""
                + jar.toUri() + "\",\"envProcess\":\"dev.faasjvm.samples.lambda.HttpHandler\"}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTP"),
                response.body());
        assertTrue(response.body().contains("aws-lambda-java-events"), response.body());
    }

    @Test
    void deploy_methodLambdaCannotCall_isA400WithLambdasReason() {
        HttpResponse<String> response = server.post("/system/functions", "{\"service\":\"nope\",\"image\":\""
                + Samples.dir().resolve("lambda.jar").toUri()
                + "\",\"envProcess\":\"dev.faasjvm.samples.lambda.Greeter::missing\"}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("No public method named missing with appropriate method signature"
                + " found on class dev.faasjvm.samples.lambda.Greeter"), response.body());
    }

    @Test
    void lambdaLogger_writesToTheFunctionsLog() {
        deploy("logged", "lambda.jar", "dev.faasjvm.samples.lambda.HttpHandler", "");

        server.get("/function/logged/logged-path");

        String logs = server.get("/system/logs?name=logged&follow=false").body();
        assertTrue(logs.contains("HttpHandler called for /logged-path"), logs);
    }

    private void deploy(String name, String artifact, String envProcess, String memory) {
        String limits = memory.isEmpty() ? "" : ",\"limits\":{\"memory\":\"" + memory + "\"}";
        server.deploy("{\"service\":\"" + name + "\",\"image\":\"" + Samples.dir().resolve(artifact).toUri()
                + "\",\"envProcess\":\"" + envProcess + "\"" + limits + "}");
    }

    private HttpResponse<byte[]> sendBytes(String path, byte[] body) {
        try {
            return server.client().send(server.authenticated(HttpRequest.newBuilder(server.uri(path))
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    private static Map<String, byte[]> entriesOf(Path jar, String prefix) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
        }
        return entries;
    }
}
