package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /system/secrets} and what functions see of secrets (contract 1.9). */
final class SecretsIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void create_answers201_andTheListNamesItWithoutItsValue() {
        HttpResponse<String> created = server.post("/system/secrets", "{\"name\":\"api-key\",\"value\":\"s3cr3t\"}");
        HttpResponse<String> list = server.get("/system/secrets");

        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, list.statusCode());
        assertEquals("application/json", list.headers().firstValue("Content-Type").orElse(""));
        assertEquals("[{\"name\":\"api-key\",\"namespace\":\"openfaas-fn\"}]", list.body());
    }

    @Test
    void list_withNoSecrets_isAnEmptyArray() {
        assertEquals("[]", server.get("/system/secrets").body());
    }

    @Test
    void create_existing_answers409() {
        server.post("/system/secrets", "{\"name\":\"api-key\",\"value\":\"one\"}");

        HttpResponse<String> again = server.post("/system/secrets", "{\"name\":\"api-key\",\"value\":\"two\"}");

        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already exists"), again.body());
    }

    @Test
    void update_answers202_andMissingAnswers404() {
        server.post("/system/secrets", "{\"name\":\"api-key\",\"value\":\"one\"}");

        HttpResponse<String> updated = server.put("/system/secrets", "{\"name\":\"api-key\",\"value\":\"two\"}");
        HttpResponse<String> missing = server.put("/system/secrets", "{\"name\":\"nope\",\"value\":\"two\"}");

        assertEquals(202, updated.statusCode());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void delete_answers202_andMissingAnswers404() {
        server.post("/system/secrets", "{\"name\":\"api-key\",\"value\":\"one\"}");

        HttpResponse<String> deleted = server.delete("/system/secrets", "{\"name\":\"api-key\"}");
        HttpResponse<String> again = server.delete("/system/secrets", "{\"name\":\"api-key\"}");

        assertEquals(202, deleted.statusCode(), "never 204: faas-cli rejects it");
        assertEquals("[]", server.get("/system/secrets").body());
        assertEquals(404, again.statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "..", "../etc", "x/../y"})
    void badName_answers400OnEveryMethod(String name) {
        String body = "{\"name\":\"" + name + "\",\"value\":\"v\"}";

        assertEquals(400, server.post("/system/secrets", body).statusCode());
        assertEquals(400, server.put("/system/secrets", body).statusCode());
        assertEquals(400, server.delete("/system/secrets", body).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"name\":5}", "[]"})
    void malformedBody_answers400(String body) {
        assertEquals(400, server.post("/system/secrets", body).statusCode());
    }

    @Test
    void namespace_comesFromTheBodyThenTheQueryThenTheDefault() {
        createNamespace("team");

        server.post("/system/secrets?namespace=openfaas-fn", "{\"name\":\"body\",\"namespace\":\"team\",\"value\":\"v\"}");
        server.post("/system/secrets?namespace=team", "{\"name\":\"query\",\"value\":\"v\"}");
        server.post("/system/secrets", "{\"name\":\"default\",\"value\":\"v\"}");

        assertEquals("[{\"name\":\"body\",\"namespace\":\"team\"},{\"name\":\"query\",\"namespace\":\"team\"}]",
                server.get("/system/secrets?namespace=team").body());
        assertEquals("[{\"name\":\"default\",\"namespace\":\"openfaas-fn\"}]", server.get("/system/secrets").body());
    }

    @Test
    void delete_takesTheNamespaceFromTheQueryWhenTheBodyHasNone() {
        createNamespace("team");
        server.post("/system/secrets", "{\"name\":\"s\",\"namespace\":\"team\",\"value\":\"v\"}");

        HttpResponse<String> deleted = server.delete("/system/secrets?namespace=team", "{\"name\":\"s\"}");

        assertEquals(202, deleted.statusCode(), deleted.body());
        assertEquals("[]", server.get("/system/secrets?namespace=team").body());
    }

    @ParameterizedTest
    @CsvSource({"GET, /system/secrets?namespace=nope, ''",
        "POST, /system/secrets, '{\"name\":\"s\",\"namespace\":\"nope\",\"value\":\"v\"}'",
        "PUT, /system/secrets, '{\"name\":\"s\",\"namespace\":\"nope\",\"value\":\"v\"}'",
        "DELETE, /system/secrets?namespace=nope, '{\"name\":\"s\"}'"})
    void unknownNamespace_answers400(String method, String path, String body) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"nope\" does not exist"), response.body());
    }

    @Test
    void function_readsOnlyTheSecretsItsDeploymentLists() {
        server.post("/system/secrets", "{\"name\":\"listed\",\"value\":\"alpha\"}");
        server.post("/system/secrets", "{\"name\":\"unlisted\",\"value\":\"bravo\"}");

        server.deploy(reader("reader", "listed"));

        assertEquals("alpha", invoke("reader", "listed").body());
        HttpResponse<String> unlisted = invoke("reader", "unlisted");
        assertEquals(404, unlisted.statusCode());
        assertFalse(unlisted.body().contains("bravo"));
    }

    @Test
    void replicaStartedFromZero_readsTheListedSecrets() {
        server.post("/system/secrets", "{\"name\":\"listed\",\"value\":\"alpha\"}");
        server.deploy(reader("reader", "listed"));
        assertEquals(202, server.scale("reader", 0));
        Awaits.atMost(Duration.ofSeconds(20)).until(() -> server.availableReplicas("reader") == 0);

        // The call starts a new replica (and context) inside the generation, not at deploy.
        assertEquals("alpha", invoke("reader", "listed").body());
    }

    @Test
    void function_withoutSecrets_seesNone() {
        server.post("/system/secrets", "{\"name\":\"listed\",\"value\":\"alpha\"}");

        server.deploy("plain", "secret");

        assertEquals(404, invoke("plain", "listed").statusCode());
    }

    @Test
    void rawValue_winsOverValue() {
        String raw = Base64.getEncoder().encodeToString("from-raw".getBytes(StandardCharsets.UTF_8));
        server.post("/system/secrets", "{\"name\":\"both\",\"value\":\"from-value\",\"rawValue\":\"" + raw + "\"}");

        server.deploy(reader("reader", "both"));

        assertEquals("from-raw", invoke("reader", "both").body());
    }

    @Test
    void deploy_namingAMissingSecret_answers400AndDeploysNothing() {
        HttpResponse<String> response = server.post("/system/functions", reader("reader", "missing"));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"missing\""), response.body());
        assertEquals("[]", server.get("/system/functions").body());
    }

    @Test
    void deploy_namingASecretOfAnotherNamespace_answers400() {
        createNamespace("team");
        server.post("/system/secrets", "{\"name\":\"elsewhere\",\"namespace\":\"team\",\"value\":\"v\"}");

        assertEquals(400, server.post("/system/functions", reader("reader", "elsewhere")).statusCode());
    }

    @Test
    void update_namingAMissingSecret_answers400AndTheOldSpecKeepsServing() {
        server.post("/system/secrets", "{\"name\":\"listed\",\"value\":\"alpha\"}");
        server.deploy(reader("reader", "listed"));

        HttpResponse<String> response = server.put("/system/functions", reader("reader", "missing"));

        assertEquals(400, response.statusCode());
        assertEquals("alpha", invoke("reader", "listed").body());
    }

    @Test
    void changedSecret_reachesTheFunctionWhenItIsNextUpdated() {
        server.post("/system/secrets", "{\"name\":\"token\",\"value\":\"v1\"}");
        server.deploy(reader("reader", "token"));

        server.put("/system/secrets", "{\"name\":\"token\",\"value\":\"v2\"}");
        String beforeUpdate = invoke("reader", "token").body();
        server.put("/system/functions", reader("reader", "token"));

        assertEquals("v1", beforeUpdate);
        assertEquals("v2", invoke("reader", "token").body());
    }

    @Test
    void secrets_surviveARestart_inAnOwnerOnlyFileThatNoRouteReturns() throws Exception {
        server.post("/system/secrets", "{\"name\":\"token\",\"value\":\"persisted-value\"}");

        server.restart();
        server.deploy(reader("reader", "token"));

        assertEquals("[{\"name\":\"token\",\"namespace\":\"openfaas-fn\"}]", server.get("/system/secrets").body());
        assertEquals("persisted-value", invoke("reader", "token").body());
        assertFalse(server.get("/system/function/reader").body().contains("persisted-value"));
        Path file = server.stateDir().resolve("secrets.ndjson");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private void createNamespace(String name) {
        HttpResponse<String> response = server.post("/system/namespace/",
                "{\"name\":\"" + name + "\",\"labels\":{\"openfaas\":\"1\"}}");
        assertEquals(201, response.statusCode(), response.body());
    }

    private static String reader(String name, String secret) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + Samples.jar("secret").toUri()
                + "\",\"secrets\":[\"" + secret + "\"]}";
    }

    private HttpResponse<String> invoke(String function, String secret) {
        return server.sendAnonymous(HttpRequest.newBuilder(server.uri("/function/" + function + "?name=" + secret)));
    }
}
