package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.faasjvm.runtime.auth.BasicCredentials;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Basic auth on every {@code /system/*} route, and the routes OpenFaaS leaves open. */
final class AuthIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @ParameterizedTest
    @CsvSource({
        "GET, /system/functions", "POST, /system/functions", "PUT, /system/functions", "DELETE, /system/functions",
        "GET, /system/function/echo", "POST, /system/scale-function/echo", "GET, /system/info",
        "GET, /system/secrets", "POST, /system/secrets", "PUT, /system/secrets", "DELETE, /system/secrets",
        "GET, /system/logs?name=echo", "GET, /system/namespaces", "GET, /system/state",
        "GET, /system/namespace/team", "POST, /system/namespace/", "PUT, /system/namespace/team",
        "DELETE, /system/namespace/team"})
    void systemRoute_withoutCredentials_answers401WithBasicChallenge(String method, String path) {
        HttpResponse<String> response = server.sendAnonymous(request(method, path));

        assertEquals(401, response.statusCode(), method + " " + path);
        assertEquals("Basic realm=\"Restricted\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("invalid credentials\n", response.body());
    }

    @ParameterizedTest
    @CsvSource({"GET, /system/functions", "POST, /system/secrets", "GET, /system/namespaces",
        "GET, /system/logs?name=echo"})
    void systemRoute_withWrongPassword_answers401(String method, String path) {
        BasicCredentials wrong = new BasicCredentials(TestServer.CREDENTIALS.user(), "not-the-password");

        HttpResponse<String> response = server.sendAnonymous(request(method, path)
                .header("Authorization", wrong.header()));

        assertEquals(401, response.statusCode());
    }

    @Test
    void systemRoute_withWrongUser_answers401() {
        BasicCredentials wrong = new BasicCredentials("someone", TestServer.CREDENTIALS.password());

        HttpResponse<String> response = server.sendAnonymous(request("GET", "/system/functions")
                .header("Authorization", wrong.header()));

        assertEquals(401, response.statusCode());
    }

    @Test
    void systemRoute_withCredentials_isServed() {
        HttpResponse<String> response = server.get("/system/functions");

        assertEquals(200, response.statusCode());
        assertEquals("[]", response.body());
    }

    @Test
    void unauthenticatedDeploy_deploysNothing() {
        server.sendAnonymous(HttpRequest.newBuilder(server.uri("/system/functions"))
                .POST(HttpRequest.BodyPublishers.ofString(Samples.deployment("echo", "echo"))));

        assertEquals("[]", server.get("/system/functions").body());
    }

    @Test
    void functionAndHealth_stayOpenWithoutCredentials() {
        server.deploy("echo", "echo");

        HttpResponse<String> invoke = server.sendAnonymous(HttpRequest.newBuilder(server.uri("/function/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("hi")));
        HttpResponse<String> health = server.sendAnonymous(HttpRequest.newBuilder(server.uri("/healthz")));

        assertEquals(200, invoke.statusCode());
        assertEquals("hi", invoke.body());
        assertEquals(200, health.statusCode());
    }

    @Test
    void unknownFunction_isStillANotFoundWithoutCredentials() {
        HttpResponse<String> response = server.sendAnonymous(HttpRequest.newBuilder(server.uri("/function/nope")));

        assertNotEquals(401, response.statusCode());
        assertEquals(404, response.statusCode());
    }

    private HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.ofString("{}"));
    }
}
