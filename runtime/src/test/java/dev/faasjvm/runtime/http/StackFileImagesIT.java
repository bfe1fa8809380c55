package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.ArtifactServer;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Images as faas-cli sends them from a stack file (issue 14): it runs each through Docker's image
 * naming, so a JAR's path or URL arrives with {@code :latest} or another tag, before or after a
 * {@code #sha256=} pin. Each deploys, answers, and is echoed as sent in status and list.
 */
final class StackFileImagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestServer server = TestServer.create();

    @RegisterExtension
    final ArtifactServer artifacts = ArtifactServer.create();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{path}:latest",
        "{path}:0.2.1-rc_1",
        "{path}:latest#sha256={sha}",
        "{path}#sha256={sha}:latest",
        "file://{path}:latest",
        "file://{path}:dev#sha256={sha}",
        "file://{path}#sha256={sha}:dev",
        "{http}:latest",
        "{http}:latest-0f3a9b1",
        "{http}:latest#sha256={sha}",
        "{http}#sha256={sha}:latest",
        "{folder}/:latest",
        "{template}:latest"})
    void deploy_imageWithTheTagFaasCliAppends_runsAndIsEchoedAsSent(String form, @TempDir Path folder)
            throws IOException {
        byte[] echo = Files.readAllBytes(Samples.jar("echo"));
        artifacts.serve("/fn/echo.jar", echo);
        Files.write(folder.resolve("echo.jar"), echo);
        String image = form
                .replace("{path}", Samples.jar("echo").toString())
                .replace("{http}", artifacts.uri("/fn/echo.jar").toString())
                .replace("{folder}", folder.toString())
                .replace("{template}", Samples.dir().resolve("function-1.0.zip").toString())
                .replace("{sha}", sha256(echo));

        HttpResponse<String> deployed = server.post("/system/functions",
                "{\"service\":\"tagged\",\"image\":\"" + image + "\"}");
        HttpResponse<String> called = server.post("/function/tagged", "hi");

        assertEquals(202, deployed.statusCode(), deployed.body());
        assertEquals(200, called.statusCode(), called.body());
        assertTrue(form.startsWith("{template}") ? called.body().contains("body=hi") : called.body().equals("hi"),
                called.body());
        assertEquals(image, server.status("tagged").path("image").asText(), "status echoes the image as sent");
        JsonNode list = JSON.readTree(server.get("/system/functions").body());
        assertEquals(image, list.get(0).path("image").asText(), "list echoes the image as sent");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
