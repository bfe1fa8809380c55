package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.ForkedRuntime;
import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state folder that turns read-only under a running runtime (issue 10): a secret or namespace
 * write is the named 500 a deployment write (here a scale) gives (what, the folder, the cause) and
 * changes nothing: the function still reads the old secret, the namespaces are as they were. The runtime
 * runs in its own mount namespace with its state folder on a tmpfs, made read-only through
 * {@code nsenter} once the test has set things up; even root cannot write there, which a
 * permission bit would not ensure (the tests run as root).
 */
@Timeout(120)
final class ReadOnlyStateIT {
    private static final String TEAM = "{\"name\":\"team\",\"labels\":{\"openfaas\":\"1\",\"tier\":\"gold\"}}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ForkedRuntime runtime;

    @TempDir
    Path work;

    @AfterEach
    void kill() throws InterruptedException {
        if (runtime != null) {
            runtime.kill();
        }
    }

    @Test
    void secretAndNamespaceWrites_onAReadOnlyStateFolder_areNamed500s_andChangeNothing() throws Exception {
        Path state = Files.createDirectories(work.resolve("state"));
        runtime = ForkedRuntime.startWith(privateTmpfsAt(state), Map.of(), state, work.resolve("stderr.log"),
                "--basic-auth", "false");
        assertEquals(201, send("POST", "/system/namespace/", TEAM).statusCode());
        assertEquals(201, send("POST", "/system/secrets", "{\"name\":\"api-key\",\"value\":\"old\"}").statusCode());
        assertEquals(202, send("POST", "/system/functions", "{\"service\":\"reader\",\"image\":\""
                + Samples.jar("secret").toUri() + "\",\"secrets\":[\"api-key\"]}").statusCode());
        assertEquals("old", send("GET", "/function/reader?name=api-key", null).body());

        remountReadOnly(state);
        HttpResponse<String> secret = send("PUT", "/system/secrets", "{\"name\":\"api-key\",\"value\":\"new\"}");
        HttpResponse<String> created = send("POST", "/system/namespace/", TEAM.replace("team", "other"));
        HttpResponse<String> updated = send("PUT", "/system/namespace/team", TEAM.replace("gold", "silver"));
        HttpResponse<String> scaled = send("POST", "/system/scale-function/reader",
                "{\"serviceName\":\"reader\",\"replicas\":2}");

        assertAll(
                () -> assertNamed500(scaled, "Cannot scale \"reader\"", state), // a deployment write, for reference
                () -> assertNamed500(secret, "Cannot save secret \"api-key\" in namespace \"openfaas-fn\"", state),
                () -> assertNamed500(created, "Cannot save namespace \"other\"", state),
                () -> assertNamed500(updated, "Cannot save namespace \"team\"", state),
                () -> assertEquals("old", send("GET", "/function/reader?name=api-key", null).body(),
                        "the function still reads the old value"),
                () -> assertTrue(send("GET", "/system/secrets", null).body().contains("\"api-key\""), "still listed"),
                () -> assertEquals("[\"openfaas-fn\",\"team\"]", send("GET", "/system/namespaces", null).body()),
                () -> assertTrue(send("GET", "/system/namespace/team", null).body().contains("\"gold\""),
                        "labels unchanged"));
    }

    private static void assertNamed500(HttpResponse<String> response, String what, Path state) {
        String body = response.body();
        assertAll(
                () -> assertEquals(500, response.statusCode(), body),
                () -> assertTrue(body.contains(what), body),
                () -> assertTrue(body.contains("read-only file system: " + state), "the cause and the folder: " + body),
                () -> assertTrue(body.contains("nothing was changed"), body),
                () -> assertFalse(body.contains("Exception") || body.contains("Internal error"), body));
    }

    /**
     * A command prefix that runs the runtime in a new mount namespace with a fresh tmpfs over
     * {@code dir}, so that only the runtime sees it and it goes away with the runtime.
     */
    private static List<String> privateTmpfsAt(Path dir) {
        return List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o mode=0700 faas-jvm-state \"$1\" && shift && exec \"$@\"", "sh", dir.toString());
    }

    /**
     * Makes {@code dir} read-only for the runtime, inside its mount namespace: a read-only bind mount
     * of the folder over itself (the tmpfs cannot be remounted read-only while the runtime holds a
     * file in it open for writing, its state lock; that file stays writable, every new one is not).
     */
    private void remountReadOnly(Path dir) throws IOException, InterruptedException {
        Process remount = new ProcessBuilder("nsenter", "--target", String.valueOf(runtime.pid()), "--mount",
                "sh", "-c", "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\"", dir.toString())
                .redirectErrorStream(true).start();
        assertTrue(remount.waitFor(30, TimeUnit.SECONDS), "mount -o remount,ro returned");
        assertEquals(0, remount.exitValue(), new String(remount.getInputStream().readAllBytes()));
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(runtime.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
