package dev.faasjvm.runtime.platform.gcf;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.testing.KeyValueLines;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Google Cloud Functions sample, found by scanning its JAR, called over real HTTP and checked
 * against what Google's invoker gives an {@code HttpFunction} and its caller (issue 14).
 */
final class GcfIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void post_seesMethodUriPathQueryHeadersAndBody_andAnswersWhatItWrote() {
        server.deploy("gcf", "gcf");

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(
                        "/function/gcf/items/7?name=Ada&name=Bo&status=202"))
                .header("X-Greeting", "hello")
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("line one\nline twö")));

        Map<String, String> seen = KeyValueLines.parse(response.body());
        String host = server.uri("/").getAuthority();
        assertAll(
                () -> assertEquals(202, response.statusCode(), response.body()),
                () -> assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElse("")),
                () -> assertEquals(List.of("one", "two"), response.headers().allValues("X-Echo")),
                () -> assertEquals("POST", seen.get("method")),
                () -> assertEquals("http://" + host + "/items/7?name=Ada&name=Bo&status=202", seen.get("uri")),
                () -> assertEquals("/items/7", seen.get("path")),
                () -> assertEquals("name=Ada&name=Bo&status=202", seen.get("query")),
                () -> assertEquals("[Ada, Bo]", seen.get("name")),
                () -> assertEquals("hello", seen.get("header.x-greeting")),
                () -> assertEquals(Integer.toString("line one\nline twö".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        .length), seen.get("contentLength")),
                () -> assertEquals("line one", seen.get("body")),
                () -> assertEquals(true, response.body().contains("body=line one\nline twö\n"), response.body()));
    }

    @Test
    void multipartForm_reachesTheFunctionAsParts() {
        server.deploy("form", "gcf");
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"field\"\r\n\r\n"
                + "plain value\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "file content\r\n"
                + "--" + boundary + "--\r\n";

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/function/form"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        Map<String, String> seen = KeyValueLines.parse(response.body());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(":" + ":plain value", seen.get("part.field"));
        assertEquals("notes.txt:text/plain:file content", seen.get("part.upload"));
    }

    @Test
    void get_hasNoQueryAndAnEmptyBody() {
        server.deploy("gcfget", "gcf");

        HttpResponse<String> response = server.get("/function/gcfget");

        Map<String, String> seen = KeyValueLines.parse(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals("GET", seen.get("method")),
                () -> assertEquals("/", seen.get("path")),
                () -> assertEquals("", seen.get("query")),
                () -> assertEquals("null", seen.get("name")),
                () -> assertEquals("0", seen.get("contentLength")));
    }

}
