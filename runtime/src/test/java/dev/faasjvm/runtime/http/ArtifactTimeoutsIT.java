package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.ArtifactServer;
import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that never answers, or stalls mid-body, fails the deploy once the artifact read timeout
 * passes (1 s here), with a 400 naming the image, and leaves nothing behind. Only the failure is
 * asserted, never how long it took.
 */
final class ArtifactTimeoutsIT {
    @RegisterExtension
    final TestServer server = TestServer.withOptions("--artifact-read-timeout", "1s");

    @RegisterExtension
    final ArtifactServer artifacts = ArtifactServer.create();

    @Test
    void deploy_serverNeverAnswers_answers400AfterTheReadTimeout() throws Exception {
        String image = artifacts.neverAnswer("/slow.jar").uri("/slow.jar").toString();

        HttpResponse<String> response = deploy(image);

        assertFailed(response, image, "within 1000 ms (artifact read timeout)");
    }

    @Test
    void deploy_bodyStalls_answers400AfterTheReadTimeout() throws Exception {
        String image = artifacts.stallAfter("/stall.jar", ArtifactsIT.echoJarBytes(), 100).uri("/stall.jar")
                .toString();

        HttpResponse<String> response = deploy(image);

        assertFailed(response, image, "stalled: no data for 1000 ms (artifact read timeout)");
    }

    private HttpResponse<String> deploy(String image) {
        return server.post("/system/functions", "{\"service\":\"slow\",\"image\":\"" + image + "\"}");
    }

    private void assertFailed(HttpResponse<String> response, String image, String cause) throws Exception {
        assertAll(
                () -> assertEquals(400, response.statusCode(), response.body()),
                () -> assertTrue(response.body().contains("Image \"" + image + "\""), response.body()),
                () -> assertTrue(response.body().contains(cause), response.body()),
                () -> assertEquals("[]", server.get("/system/functions").body()),
                () -> assertEquals(java.util.List.of(), ArtifactsIT.filesIn(server.stateDir().resolve("artifacts"))));
    }
}
