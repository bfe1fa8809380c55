package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** POST, PUT and DELETE /system/functions and GET /system/function/{name}, over real HTTP. */
final class DeployIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void deploy_sampleJar_isListedDescribedAndCallable() throws IOException {
        HttpResponse<String> deployed = server.post("/system/functions", Samples.deployment("echo", "echo"));

        assertEquals(202, deployed.statusCode(), deployed.body());
        JsonNode list = JSON.readTree(server.get("/system/functions").body());
        assertEquals(1, list.size(), list.toString());
        assertEquals("echo", list.get(0).get("name").asText());
        assertEquals("hi", server.post("/function/echo", "hi").body());
    }

    @Test
    void status_deployedFunction_hasContractFields() throws IOException {
        String image = Samples.jar("echo").toUri().toString();
        server.post("/system/functions", "{\"service\":\"echo\",\"image\":\"" + image
                + "\",\"labels\":null,\"annotations\":null,\"envVars\":{\"A\":\"1\"}}");

        HttpResponse<String> response = server.get("/system/function/echo");

        JsonNode status = JSON.readTree(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("")),
                () -> assertEquals("echo", status.get("name").asText()),
                () -> assertEquals(image, status.get("image").asText(), "image is echoed verbatim"),
                () -> assertEquals("openfaas-fn", status.get("namespace").asText()),
                () -> assertEquals("echo", status.get("labels").get("faas_function").asText()),
                () -> assertTrue(status.get("annotations").isObject(), "annotations always present"),
                () -> assertEquals("1", status.get("envVars").get("A").asText()),
                () -> assertEquals(1, status.get("replicas").asInt()),
                () -> assertEquals(1, status.get("availableReplicas").asInt()),
                () -> assertTrue(status.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z"),
                        status.get("createdAt").asText()));
    }

    @Test
    void status_namespaceQuery_findsFunction() {
        server.deploy("echo", "echo");

        assertEquals(200, server.get("/system/function/echo?namespace=openfaas-fn").statusCode());
        assertEquals(200, server.get("/system/function/echo?namespace=").statusCode());
    }

    @Test
    void status_missingFunction_answers404WithEmptyBody() {
        HttpResponse<String> response = server.get("/system/function/nope");

        assertEquals(404, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void list_noFunctions_answersEmptyArray() {
        HttpResponse<String> response = server.get("/system/functions");

        assertEquals(200, response.statusCode());
        assertEquals("[]", response.body());
    }

    @Test
    void deploy_existingName_answers409() {
        server.deploy("echo", "echo");

        HttpResponse<String> response = server.post("/system/functions", Samples.deployment("echo", "inspect"));

        assertEquals(409, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"echo\" already exists"), response.body());
        assertEquals("hi", server.post("/function/echo", "hi").body(), "the first deployment keeps serving");
    }

    @Test
    void deploy_minScaleLabel_startsThatManyReplicas() throws IOException {
        server.post("/system/functions", "{\"service\":\"echo\",\"image\":\"" + Samples.jar("echo").toUri()
                + "\",\"labels\":{\"com.openfaas.scale.min\":\"3\"}}");

        JsonNode status = JSON.readTree(server.get("/system/function/echo").body());

        assertEquals(3, status.get("replicas").asInt());
        assertEquals(3, status.get("availableReplicas").asInt());
    }

    @Test
    void deploy_envProcessNamesOneOfTwoHandlers_usesIt() {
        HttpResponse<String> response = server.post("/system/functions", "{\"service\":\"two\",\"image\":\""
                + Samples.jar("twohandlers").toUri() + "\",\"envProcess\":\"dev.faasjvm.samples.twohandlers.Second\"}");

        assertEquals(202, response.statusCode(), response.body());
        assertEquals("second:x", server.post("/function/two", "x").body());
    }

    static Stream<Arguments> invalidDeployments() {
        String echo = Samples.jar("echo").toUri().toString();
        return Stream.of(
                Arguments.of("{\"service\":\"x\",", "Invalid JSON"),
                Arguments.of("", "empty"),
                Arguments.of("{\"image\":\"" + echo + "\"}", "service is required"),
                Arguments.of("{\"service\":\"x\"}", "image is required"),
                Arguments.of("{\"service\":\"Echo_1\",\"image\":\"" + echo + "\"}", "RFC 1123"),
                Arguments.of("{\"service\":\"a.b\",\"image\":\"" + echo + "\"}", "RFC 1123"),
                Arguments.of("{\"service\":\"x\",\"image\":\"jar:file:/f.jar!/\"}", "scheme \"jar:\""),
                Arguments.of("{\"service\":\"x\",\"image\":\"ftp://example.com/f.jar\"}", "scheme \"ftp:\""),
                Arguments.of("{\"service\":\"x\",\"image\":\"functions/echo.jar\"}", "relative path"),
                Arguments.of("{\"service\":\"x\",\"image\":\"/no/such/file.jar\"}", "no file or folder at"),
                Arguments.of("{\"service\":\"x\",\"image\":\"" + Samples.dir().toUri() + "\"}", "Several handler classes found"),
                Arguments.of("{\"service\":\"x\",\"image\":\"" + Samples.jar("nohandler").toUri() + "\"}",
                        "No handler class found"),
                Arguments.of("{\"service\":\"x\",\"image\":\"" + Samples.jar("twohandlers").toUri() + "\"}",
                        "[dev.faasjvm.samples.twohandlers.First, dev.faasjvm.samples.twohandlers.Second]"),
                Arguments.of("{\"service\":\"x\",\"image\":\"" + Samples.jar("broken").toUri() + "\"}",
                        "broken cannot start: missing configuration"),
                Arguments.of("{\"service\":\"x\",\"image\":\"" + echo + "\",\"envProcess\":\"com.example.Missing\"}",
                        "\"com.example.Missing\" named by envProcess cannot be loaded"),
                Arguments.of("{\"service\":\"x\",\"image\":\"" + echo + "\",\"envProcess\":\"java -jar x.jar\"}",
                        "is not a Java class name"),
                Arguments.of("{\"service\":\"x\",\"image\":\"" + echo + "\",\"namespace\":\"other\"}",
                        "Namespace \"other\" does not exist"),
                Arguments.of("{\"service\":\"x\",\"image\":\"" + echo
                        + "\",\"labels\":{\"com.openfaas.scale.min\":\"lots\"}}", "com.openfaas.scale.min"),
                Arguments.of("{\"service\":5,\"image\":\"" + echo + "\"}", "service"));
    }

    @ParameterizedTest
    @MethodSource("invalidDeployments")
    void deploy_invalidInput_answers400NamingTheProblemAndRegistersNothing(String body, String expected) {
        HttpResponse<String> response = server.post("/system/functions", body);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(expected), "expected \"" + expected + "\" in: " + response.body());
        assertEquals("[]", server.get("/system/functions").body());
    }

    @Test
    void deploy_fileThatIsNotAJar_answers400(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");

        HttpResponse<String> response = server.post("/system/functions",
                "{\"service\":\"x\",\"image\":\"" + text.toUri() + "\"}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("is not a JAR"), response.body());
    }

    @Test
    void update_existingFunction_switchesToNewImage() {
        server.deploy("fn", "echo");

        HttpResponse<String> response = server.put("/system/functions", Samples.deployment("fn", "fail"));

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(500, server.post("/function/fn", "x").statusCode());
    }

    @Test
    void update_missingFunction_answers404() {
        HttpResponse<String> response = server.put("/system/functions", Samples.deployment("nope", "echo"));

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("\"nope\" not found"), response.body());
    }

    @Test
    void update_imageThatFailsToLoad_answers400AndOldKeepsServing() throws IOException {
        server.deploy("fn", "echo");
        String before = server.get("/system/function/fn").body();

        HttpResponse<String> response = server.put("/system/functions", Samples.deployment("fn", "broken"));

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("still here", server.post("/function/fn", "still here").body());
        ObjectNode after = (ObjectNode) JSON.readTree(server.get("/system/function/fn").body());
        after.remove("invocationCount"); // the call above counts; the spec must not change
        assertEquals(JSON.readTree(before), after);
    }

    @Test
    void delete_existingFunction_removesIt() {
        server.deploy("echo", "echo");

        HttpResponse<String> response = server.delete("/system/functions", "{\"functionName\":\"echo\"}");

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(404, server.get("/system/function/echo").statusCode());
        assertEquals(404, server.post("/function/echo", "hi").statusCode());
    }

    @Test
    void delete_namespaceOnlyInQuery_deletes() {
        server.deploy("echo", "echo");

        HttpResponse<String> response = server.delete("/system/functions?namespace=openfaas-fn",
                "{\"functionName\":\"echo\"}");

        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void delete_missingFunction_answers404() {
        HttpResponse<String> response = server.delete("/system/functions",
                "{\"functionName\":\"nope\",\"namespace\":\"openfaas-fn\"}");

        assertEquals(404, response.statusCode());
    }

    @Test
    void delete_withoutFunctionName_answers400() {
        HttpResponse<String> response = server.delete("/system/functions", "{}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("functionName is required"), response.body());
    }

    @Test
    void delete_thenRedeploy_works() {
        server.deploy("echo", "echo");
        server.delete("/system/functions", "{\"functionName\":\"echo\"}");

        server.deploy("echo", "echo");

        assertEquals("again", server.post("/function/echo", "again").body());
    }
}
