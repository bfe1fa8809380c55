package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.LogFollower;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /system/logs} over real HTTP, with the printer sample doing the printing (contract 1.10). */
final class LogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = TestServer.create();

    @Test
    void logs_answerNdjsonWithEveryKeyOnEachLine_andEndWhenNotFollowing() throws IOException {
        server.deploy("printer", "printer");
        invoke("printer", "lines=3&text=hello");

        HttpResponse<String> response = server.get("/system/logs?name=printer&follow=false");

        assertEquals(200, response.statusCode());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElse(""));
        List<JsonNode> messages = messages(response.body());
        assertEquals(List.of("hello 1", "hello 2", "hello 3"), texts(messages));
        for (JsonNode message : messages) {
            List<String> keys = new ArrayList<>();
            message.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("name", "namespace", "instance", "timestamp", "text"), keys);
            assertEquals("printer", message.get("name").asText());
            assertEquals("openfaas-fn", message.get("namespace").asText());
            assertTrue(message.get("instance").asText().matches("printer-\\d+-1"), message.toString());
            Instant.parse(message.get("timestamp").asText());
        }
    }

    @Test
    void logs_withoutFollow_endByThemselves() throws IOException {
        server.deploy("printer", "printer");
        invoke("printer", "text=once");

        assertEquals(List.of("once 1"), texts(messages(server.get("/system/logs?name=printer").body())));
    }

    @Test
    void tail_keepsTheNewestLines() throws IOException {
        server.deploy("printer", "printer");
        invoke("printer", "lines=5&text=n");

        assertEquals(List.of("n 4", "n 5"), texts(messages(server.get("/system/logs?name=printer&tail=2").body())));
    }

    @Test
    void since_keepsLinesAtOrAfterIt() throws IOException {
        server.deploy("printer", "printer");
        invoke("printer", "lines=2&text=old");

        String future = Instant.now().plusSeconds(3600).toString();
        String past = "2020-01-01T00:00:00+02:00";
        assertEquals(List.of(), messages(server.get("/system/logs?name=printer&since=" + future).body()));
        assertEquals(2, messages(server.get("/system/logs?name=printer&since=" + past.replace("+", "%2B")).body())
                .size());
    }

    @Test
    void instance_keepsThatReplicasLines() throws IOException {
        server.deploy("{\"service\":\"printer\",\"image\":\"" + Samples.jar("printer").toUri()
                + "\",\"labels\":{\"com.openfaas.scale.min\":\"2\"}}");
        for (int i = 0; i < 6; i++) {
            invoke("printer", "text=call" + i);
        }
        String instance = messages(server.get("/system/logs?name=printer").body()).get(0).get("instance").asText();

        List<JsonNode> filtered = messages(server.get("/system/logs?name=printer&instance=" + instance).body());

        assertTrue(filtered.stream().allMatch(message -> message.get("instance").asText().equals(instance)));
        assertEquals(List.of(), messages(server.get("/system/logs?name=printer&instance=nope").body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail=abc", "tail=1.5", "since=yesterday", "since=2020-01-01", "since=1577836800"})
    void badTailOrSince_answers422(String query) {
        server.deploy("printer", "printer");

        HttpResponse<String> response = server.get("/system/logs?name=printer&" + query);

        assertEquals(422, response.statusCode());
        assertTrue(response.body().startsWith("could not parse the log request"), response.body());
    }

    @Test
    void unknownFunction_answers404_unknownNamespace_answers400() {
        assertEquals(404, server.get("/system/logs?name=nope").statusCode());
        assertEquals(400, server.get("/system/logs").statusCode(), "no name is a client error (issue 10)");
        assertEquals(400, server.get("/system/logs?name=nope&namespace=nope").statusCode());
    }

    @Test
    void follow_receivesALinePrintedAfterItOpened() throws Exception {
        server.deploy("printer", "printer");
        invoke("printer", "text=before");

        try (LogFollower follower = LogFollower.open(server, "name=printer&follow=true")) {
            assertEquals(200, follower.response().statusCode());
            Awaits.atMost(WAIT).until(() -> follower.lines().size() == 1);

            invoke("printer", "text=after");

            Awaits.atMost(WAIT).until(() -> follower.lines().size() == 2);
            assertEquals(List.of("before 1", "after 1"), texts(messages(String.join("\n", follower.lines()))));
        }
    }

    @Test
    void follow_clientThatDisconnects_freesItsSubscriptionWithoutAnotherLine() throws Exception {
        server.deploy("printer", "printer");
        LogFollower follower = LogFollower.open(server, "name=printer&follow=true");
        Awaits.atMost(WAIT).until(() -> server.logFollowers("printer") == 1);

        follower.close();

        Awaits.atMost(WAIT).until(() -> server.logFollowers("printer") == 0);
    }

    @Test
    void follow_endsWhenTheFunctionIsDeleted() throws Exception {
        server.deploy("printer", "printer");

        try (LogFollower follower = LogFollower.open(server, "name=printer&follow=1")) {
            server.delete("/system/functions", "{\"functionName\":\"printer\"}");

            Awaits.atMost(WAIT).until(follower::hasEnded);
        }
        assertEquals(404, server.get("/system/logs?name=printer").statusCode());
    }

    @Test
    void twoFunctionsPrintingAtOnce_neverMixTheirLines() throws Exception {
        server.deploy("alpha", "printer");
        server.deploy("bravo", "printer");
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(callers.submit(() -> invoke("alpha", "lines=100&chars=1&text=alpha-alpha-alpha")));
                calls.add(callers.submit(() -> invoke("bravo", "lines=100&chars=1&stream=err&text=bravo-bravo")));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdownNow();
        }

        List<String> alpha = texts(messages(server.get("/system/logs?name=alpha").body()));
        List<String> bravo = texts(messages(server.get("/system/logs?name=bravo").body()));

        assertEquals(200, alpha.size());
        assertEquals(200, bravo.size());
        assertTrue(alpha.stream().allMatch(line -> line.matches("alpha-alpha-alpha \\d+")), alpha::toString);
        assertTrue(bravo.stream().allMatch(line -> line.matches("bravo-bravo \\d+")), bravo::toString);
    }

    @Test
    void threadStartedByTheFunction_isAttributedToItsReplica() throws IOException {
        server.deploy("printer", "printer");
        invoke("printer", "text=direct");
        invoke("printer", "text=background&thread=1");

        List<JsonNode> messages = messages(server.get("/system/logs?name=printer").body());

        assertEquals(List.of("direct 1", "background 1"), texts(messages));
        assertEquals(messages.get(0).get("instance"), messages.get(1).get("instance"));
    }

    @Test
    void javaUtilLoggingAndStandardError_ofTheFunction_areInItsLogs() throws IOException {
        server.deploy("printer", "printer");
        invoke("printer", "text=logged&via=log");
        invoke("printer", "text=errored&stream=err");

        List<String> texts = texts(messages(server.get("/system/logs?name=printer").body()));

        assertTrue(texts.stream().anyMatch(text -> text.contains("logged 1")), texts::toString);
        assertTrue(texts.contains("errored 1"), texts::toString);
    }

    @Test
    void logs_lastAcrossAnUpdate() throws IOException {
        server.deploy("printer", "printer");
        invoke("printer", "text=first");

        server.put("/system/functions", Samples.deployment("printer", "printer"));
        invoke("printer", "text=second");

        assertEquals(List.of("first 1", "second 1"), texts(messages(server.get("/system/logs?name=printer").body())));
    }

    private String invoke(String function, String query) {
        HttpResponse<String> response = server.sendAnonymous(HttpRequest.newBuilder(
                server.uri("/function/" + function + "?" + query)));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static List<JsonNode> messages(String ndjson) throws IOException {
        List<JsonNode> messages = new ArrayList<>();
        for (Iterator<String> lines = ndjson.lines().iterator(); lines.hasNext();) {
            String line = lines.next();
            try {
                messages.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("Not a JSON line: " + line, e);
            }
        }
        return messages;
    }

    private static List<String> texts(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("text").asText()).toList();
    }
}
