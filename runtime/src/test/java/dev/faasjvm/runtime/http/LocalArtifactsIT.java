package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images on local disk (issue 10): anything but a regular file or folder (a FIFO) is a 400 at once,
 * a JAR whose manifest is huge is a 400 naming it, and a JAR deployed by path runs from a copy in
 * the artifact cache, so rewriting the file in place (as {@code mvn package} does) changes nothing
 * until an update, a restart included.
 */
@Timeout(60)
final class LocalArtifactsIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @TempDir
    Path dir;

    @Test
    void deploy_fifo_is400AtOnce() throws Exception {
        Path fifo = dir.resolve("function.jar");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");

        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/system/functions"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"fifo\",\"image\":\"" + fifo + "\"}")));

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("neither a regular file nor a folder"), response.body());
    }

    @Test
    void deploy_jarWithAHugeManifest_is400NamingIt() throws IOException {
        Path huge = dir.resolve("huge.jar");
        Files.write(huge, withManifest(Samples.jar("echo"), "Manifest-Version: 1.0\r\nX-Padding: "
                + "x".repeat(2 * 1024 * 1024) + "\r\n\r\n"));

        HttpResponse<String> response = server.post("/system/functions",
                "{\"service\":\"huge\",\"image\":\"" + huge + "\"}");

        assertAll(
                () -> assertEquals(400, response.statusCode(), response.body()),
                () -> assertTrue(response.body().contains(huge.toString()), response.body()),
                () -> assertTrue(response.body().contains("manifest"), response.body()));
    }

    @Test
    void localJar_rewrittenInPlace_keepsRunningTheDeployedBytes_acrossARestart() throws Exception {
        Path jar = dir.resolve("function.jar");
        Files.copy(Samples.jar("echo"), jar);
        server.deploy("{\"service\":\"fn\",\"image\":\"" + jar + "\"}");

        // Same file, same inode, other bytes: what a rebuild does.
        Files.write(jar, Files.readAllBytes(Samples.jar("fail")), StandardOpenOption.TRUNCATE_EXISTING);
        server.restart();

        assertEquals("hi", server.post("/function/fn", "hi").body());
    }

    /** The JAR's entries with its manifest replaced by {@code manifest}. */
    private static byte[] withManifest(Path jar, String manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes);
                InputStream file = Files.newInputStream(jar);
                ZipInputStream in = new ZipInputStream(file)) {
            out.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            out.write(manifest.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
