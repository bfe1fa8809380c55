package dev.faasjvm.runtime.platform.openfaas;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.testing.KeyValueLines;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenFaaS template sample, deployed as the template's Gradle build packages it
 * ({@code function-1.0.zip}), called over real HTTP and checked against what the template's
 * entrypoint gives the function and the caller (issue 14).
 */
final class OpenFaasTemplateIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    /** Found by scanning, and through the fprocess faas-cli sends for {@code lang: java11}, which names the entrypoint. */
    @ParameterizedTest(name = "envProcess \"{0}\"")
    @ValueSource(strings = {"", "java -XX:+UseContainerSupport com.openfaas.entrypoint.App"})
    void post_seesUtf8BodyFirstHeaderValuesRawQueryAndDecodedPath(String envProcess) {
        deploy("tpl", envProcess);

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(
                        "/function/tpl/a%20b/c?name=Ada&x=1"))
                .header("X-Greeting", "hello")
                .header("X-Greeting", "again")
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("héllo wörld")));

        Map<String, String> seen = KeyValueLines.parse(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode(), response.body()),
                () -> assertEquals("héllo wörld", seen.get("body")),
                () -> assertEquals("/a b/c", seen.get("path")),
                () -> assertEquals("name=Ada&x=1", seen.get("query")),
                () -> assertEquals("Ada", seen.get("name")),
                () -> assertEquals("hello", seen.get("header.X-greeting"), "first value, HttpServer's name"),
                () -> assertEquals("text/plain; charset=utf-8", seen.get("header.Content-type")),
                () -> assertEquals("openfaas-template", response.headers().firstValue("X-Handled-By").orElse("")),
                () -> assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type")
                        .orElse(""), "no content type set: the gateway's proxy answers the request's"));
    }

    @Test
    void get_seesNoBodyAndNoQuery() {
        deploy("tplget", "");

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/tplget"))
                .method("GET", HttpRequest.BodyPublishers.noBody()));

        Map<String, String> seen = KeyValueLines.parse(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals("", seen.get("body")),
                () -> assertEquals("/", seen.get("path")),
                () -> assertEquals("null", seen.get("query"), "the entrypoint passes URI.getRawQuery(): null"),
                () -> assertEquals("null", seen.get("name")));
    }

    @Test
    void put_bodyIsNotRead_asOnlyPostBodiesReachTheFunction() {
        deploy("tplput", "");

        HttpResponse<String> response = server.put("/function/tplput", "ignored");

        assertEquals("", KeyValueLines.parse(response.body()).get("body"));
    }

    @Test
    void statusAndContentTypeSetByTheFunction_reachTheCaller() {
        deploy("tplstatus", "");

        HttpResponse<String> response = server.get("/function/tplstatus?status=418&type=application/json");

        assertEquals(418, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void oneJarWithoutTheModel_isFoundBySubclassingAbstractHandler() {
        server.deploy("{\"service\":\"tpljar\",\"image\":\"" + Samples.jar("openfaas-function").toUri() + "\"}");

        HttpResponse<String> response = server.post("/function/tpljar", "one jar");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("one jar", KeyValueLines.parse(response.body()).get("body"));
    }

    private void deploy(String name, String envProcess) {
        server.deploy("{\"service\":\"" + name + "\",\"image\":\"" + Samples.dir().resolve("function-1.0.zip").toUri()
                + "\",\"envProcess\":\"" + envProcess + "\"}");
    }

}
