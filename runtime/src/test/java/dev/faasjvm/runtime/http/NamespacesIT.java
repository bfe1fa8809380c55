package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /system/namespaces} and {@code /system/namespace/{name}} (contract 1.11, 1.12, 3.4). */
final class NamespacesIT {
    private static final String TEAM = "{\"name\":\"team\",\"labels\":{\"openfaas\":\"1\"}}";

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void create_answers201_andTheListHasTheDefaultThenTheCreated() {
        HttpResponse<String> created = server.post("/system/namespace/", TEAM);
        server.post("/system/namespace/", "{\"name\":\"alpha\",\"labels\":{\"openfaas\":\"true\"}}");

        assertEquals(201, created.statusCode(), created.body());
        assertEquals("[\"openfaas-fn\",\"alpha\",\"team\"]", server.get("/system/namespaces").body());
    }

    @Test
    void create_atItsOwnPath_answers201() {
        assertEquals(201, server.post("/system/namespace/team", TEAM).statusCode());
    }

    @Test
    void get_answersTheNamespaceWithItsLabels() {
        server.post("/system/namespace/", "{\"name\":\"team\",\"labels\":{\"openfaas\":\"1\",\"tier\":\"gold\"},"
                + "\"annotations\":{\"owner\":\"ops\"}}");

        HttpResponse<String> response = server.get("/system/namespace/team");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"name\":\"team\",\"annotations\":{\"owner\":\"ops\"},"
                + "\"labels\":{\"openfaas\":\"1\",\"tier\":\"gold\"}}", response.body());
    }

    @Test
    void get_theDefault_answersItWithTheOpenfaasLabel() {
        assertEquals("{\"name\":\"openfaas-fn\",\"labels\":{\"openfaas\":\"1\"}}",
                server.get("/system/namespace/openfaas-fn").body());
    }

    @Test
    void get_missingAnswers404_emptyNameAnswers400() {
        assertEquals(404, server.get("/system/namespace/nope").statusCode());
        assertEquals(400, server.get("/system/namespace/").statusCode());
        assertEquals(400, server.get("/system/namespace").statusCode());
    }

    @Test
    void create_existingOrDefault_answers409() {
        server.post("/system/namespace/", TEAM);

        assertEquals(409, server.post("/system/namespace/", TEAM).statusCode());
        assertEquals(409, server.post("/system/namespace/",
                "{\"name\":\"openfaas-fn\",\"labels\":{\"openfaas\":\"1\"}}").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"team\"}", "{\"name\":\"team\",\"labels\":{\"openfaas\":\"0\"}}",
        "{\"labels\":{\"openfaas\":\"1\"}}", "{\"name\":\"Team\",\"labels\":{\"openfaas\":\"1\"}}", "", "nope"})
    void create_withoutLabelOrValidName_answers400(String body) {
        HttpResponse<String> response = server.post("/system/namespace/", body);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("[\"openfaas-fn\"]", server.get("/system/namespaces").body());
    }

    @Test
    void update_answers202_andReplacesLabels() {
        server.post("/system/namespace/", TEAM);

        HttpResponse<String> updated = server.put("/system/namespace/team",
                "{\"name\":\"team\",\"labels\":{\"openfaas\":\"1\",\"tier\":\"gold\"}}");

        assertEquals(202, updated.statusCode(), updated.body());
        assertTrue(server.get("/system/namespace/team").body().contains("\"tier\":\"gold\""));
    }

    @Test
    void update_missingAnswers404_mismatchedOrUnlabelledAnswers400() {
        server.post("/system/namespace/", TEAM);

        assertEquals(404, server.put("/system/namespace/nope",
                "{\"name\":\"nope\",\"labels\":{\"openfaas\":\"1\"}}").statusCode());
        assertEquals(400, server.put("/system/namespace/team",
                "{\"name\":\"other\",\"labels\":{\"openfaas\":\"1\"}}").statusCode());
        assertEquals(400, server.put("/system/namespace/team", "{\"name\":\"team\"}").statusCode());
    }

    @Test
    void delete_answers202_andMissingAnswers404() {
        server.post("/system/namespace/", TEAM);

        HttpResponse<String> deleted = server.delete("/system/namespace/team", TEAM);
        HttpResponse<String> again = server.delete("/system/namespace/team", TEAM);

        assertEquals(202, deleted.statusCode(), deleted.body());
        assertEquals("[\"openfaas-fn\"]", server.get("/system/namespaces").body());
        assertEquals(404, again.statusCode());
    }

    @Test
    void delete_withoutTheLabelOrOfTheDefault_answers400() {
        server.post("/system/namespace/", TEAM);

        assertEquals(400, server.delete("/system/namespace/team", "{\"name\":\"team\"}").statusCode());
        assertEquals(400, server.delete("/system/namespace/openfaas-fn",
                "{\"name\":\"openfaas-fn\",\"labels\":{\"openfaas\":\"1\"}}").statusCode());
    }

    @Test
    void delete_ofANamespaceWithFunctionsOrSecrets_isRefusedNamingThem() {
        server.post("/system/namespace/", TEAM);
        server.deploy("{\"service\":\"echo\",\"namespace\":\"team\",\"image\":\"" + Samples.jar("echo").toUri()
                + "\"}");
        server.post("/system/secrets", "{\"name\":\"token\",\"namespace\":\"team\",\"value\":\"v\"}");

        HttpResponse<String> refused = server.delete("/system/namespace/team", TEAM);
        server.delete("/system/functions", "{\"functionName\":\"echo\",\"namespace\":\"team\"}");
        HttpResponse<String> stillRefused = server.delete("/system/namespace/team", TEAM);
        server.delete("/system/secrets", "{\"name\":\"token\",\"namespace\":\"team\"}");
        HttpResponse<String> deleted = server.delete("/system/namespace/team", TEAM);

        assertEquals(409, refused.statusCode());
        assertEquals("Namespace \"team\" still holds functions [echo] and secrets [token]; delete them first\n",
                refused.body());
        assertEquals(409, stillRefused.statusCode());
        assertTrue(stillRefused.body().contains("secrets [token]"), stillRefused.body());
        assertEquals(202, deleted.statusCode());
    }

    @Test
    void functionInACreatedNamespace_isListedThereAndInvokedAsNameDotNamespace() {
        server.post("/system/namespace/", TEAM);

        server.deploy("{\"service\":\"echo\",\"namespace\":\"team\",\"image\":\"" + Samples.jar("echo").toUri()
                + "\"}");

        assertTrue(server.get("/system/functions?namespace=team").body().contains("\"name\":\"echo\""));
        assertEquals("[]", server.get("/system/functions").body());
        HttpResponse<String> invoked = server.sendAnonymous(HttpRequest.newBuilder(server.uri("/function/echo.team"))
                .POST(HttpRequest.BodyPublishers.ofString("hi")));
        assertEquals("hi", invoked.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /system/functions?namespace=nope      |
            POST   | /system/functions                     | {"service":"x","image":"IMAGE","namespace":"nope"}
            PUT    | /system/functions                     | {"service":"x","image":"IMAGE","namespace":"nope"}
            DELETE | /system/functions                     | {"functionName":"x","namespace":"nope"}
            GET    | /system/function/x?namespace=nope     |
            GET    | /system/secrets?namespace=nope        |
            POST   | /system/secrets                       | {"name":"s","namespace":"nope","value":"v"}
            PUT    | /system/secrets                       | {"name":"s","namespace":"nope","value":"v"}
            DELETE | /system/secrets                       | {"name":"s","namespace":"nope"}
            GET    | /system/logs?name=x&namespace=nope    |
            """)
    void everyRouteTakingANamespace_answers400ForOneThatDoesNotExist(String method, String path, String body) {
        String json = body == null ? "" : body.replace("IMAGE", Samples.jar("echo").toUri().toString());

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(json)));

        assertEquals(400, response.statusCode(), method + " " + path + ": " + response.body());
        assertTrue(response.body().contains("\"nope\" does not exist"), response.body());
    }

    @Test
    void namespaces_surviveARestart() throws Exception {
        server.post("/system/namespace/", TEAM);

        server.restart();

        assertEquals("[\"openfaas-fn\",\"team\"]", server.get("/system/namespaces").body());
        assertEquals(200, server.get("/system/namespace/team").statusCode());
    }
}
