package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.ArtifactServer;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import dev.faasjvm.runtime.testing.Zips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Images as URLs, zips and folders of JARs, checksums, the download cache, and every way fetching fails. */
final class ArtifactsIT {
    private static final int MAX_ARTIFACT = 200_000;

    /** Default timeouts (30 s): the timeouts have their own test, so a busy machine fails nothing here. */
    @RegisterExtension
    final TestServer server = TestServer.withOptions("--max-artifact-size", Integer.toString(MAX_ARTIFACT));

    @RegisterExtension
    final ArtifactServer artifacts = ArtifactServer.create();

    @Test
    void deploy_httpJar_isCallable() {
        artifacts.serve("/echo.jar", echoJar());

        HttpResponse<String> response = deploy("echo", artifacts.uri("/echo.jar").toString());

        assertEquals(202, response.statusCode(), response.body());
        assertEquals("hi", server.post("/function/echo", "hi").body());
    }

    @Test
    void deploy_pinnedUrlTwice_downloadsOnce() {
        artifacts.serve("/echo.jar", echoJar());
        String image = artifacts.uri("/echo.jar") + "#sha256=" + sha256(echoJar());

        assertEquals(202, deploy("one", image).statusCode());
        assertEquals(202, deploy("two", image).statusCode());

        assertEquals(1, artifacts.requests("/echo.jar"), "a pinned artifact in the cache needs no request");
        assertEquals("x", server.post("/function/two", "x").body());
    }

    @Test
    void deploy_unpinnedUrlTwice_revalidatesWithoutDownloadingAgain() {
        artifacts.serve("/echo.jar", echoJar());
        String image = artifacts.uri("/echo.jar").toString();

        deploy("one", image);
        deploy("two", image);

        assertEquals(2, artifacts.requests("/echo.jar"));
        assertEquals(1, artifacts.fullAnswers("/echo.jar"), "the second request is answered 304 Not Modified");
    }

    @Test
    void deploy_unpinnedUrlWhoseContentChanged_loadsTheNewContent() {
        artifacts.serve("/f.jar", echoJar());
        deploy("f", artifacts.uri("/f.jar").toString());
        artifacts.serve("/f.jar", jar("wordcount"));

        HttpResponse<String> updated = server.put("/system/functions", "{\"service\":\"f\",\"image\":\""
                + artifacts.uri("/f.jar") + "\"}");

        assertEquals(202, updated.statusCode(), updated.body());
        assertTrue(server.post("/function/f", "{\"text\":\"two words\"}").body().contains("\"words\":2"));
    }

    @Test
    void deploy_httpZipOfJarsInGradleLayout_loadsLibJars() {
        artifacts.serve("/app.zip", distribution());

        HttpResponse<String> response = deploy("app", artifacts.uri("/app.zip").toString());

        assertEquals(202, response.statusCode(), response.body());
        assertEquals("hi", server.post("/function/app", "hi").body());
    }

    @Test
    void deploy_localZipOfJars_isUnpackedIntoTheCache(@TempDir Path dir) throws IOException {
        Path zip = Files.write(dir.resolve("app.zip"), distribution());

        HttpResponse<String> response = deploy("app", zip.toString());

        assertEquals(202, response.statusCode(), response.body());
        assertEquals("hi", server.post("/function/app", "hi").body());
        assertTrue(Files.isDirectory(server.stateDir().resolve("artifacts/unpacked/" + sha256(distribution()))));
    }

    @Test
    void deploy_folderWithLibJars_loadsThemInPlace(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.write(dir.resolve("lib/echo.jar"), echoJar());
        Files.writeString(dir.resolve("README"), "not a JAR");

        HttpResponse<String> response = deploy("app", dir.toUri().toString());

        assertEquals(202, response.statusCode(), response.body());
        assertEquals("hi", server.post("/function/app", "hi").body());
    }

    @Test
    void deploy_localJarWithMatchingChecksum_isCallable() {
        HttpResponse<String> response = deploy("echo", Samples.jar("echo") + "#sha256=" + sha256(echoJar()));

        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void deploy_sameRemoteJarConcurrently_bothSucceed() {
        artifacts.serve("/echo.jar", echoJar());
        String image = artifacts.uri("/echo.jar").toString();

        List<Integer> statuses = Stream.of("one", "two", "three").parallel()
                .map(name -> deploy(name, image).statusCode()).toList();

        assertEquals(List.of(202, 202, 202), statuses);
    }

    static byte[] echoJarBytes() {
        return echoJar();
    }

    static Stream<Arguments> failures() {
        byte[] big = new byte[MAX_ARTIFACT + 1];
        return Stream.of(
                failure("HTTP 404", s -> s.uri("/missing.jar").toString(), "the server answered HTTP 404"),
                failure("HTTP 500", s -> s.fail("/boom.jar", 500).uri("/boom.jar").toString(),
                        "the server answered HTTP 500"),
                failure("connection refused", s -> {
                    String image = s.uri("/echo.jar").toString();
                    s.stop();
                    return image;
                }, "connection refused"),
                failure("not a zip", s -> s.serve("/text.jar", "hello".getBytes()).uri("/text.jar").toString(),
                        "is not a JAR or zip file"),
                failure("empty JAR", s -> s.serve("/empty.jar", Zips.of(Map.of())).uri("/empty.jar").toString(),
                        "is an empty JAR"),
                failure("checksum mismatch", s -> s.serve("/echo.jar", echoJar()).uri("/echo.jar") + "#sha256="
                        + "0".repeat(64), "checksum mismatch: #sha256= expects " + "0".repeat(64)),
                failure("too large by length", s -> s.serve("/big.jar", big).uri("/big.jar").toString(),
                        "-byte limit on artifact size"),
                failure("too large, chunked", s -> s.serveChunked("/big.jar", big).uri("/big.jar").toString(),
                        "-byte limit on artifact size"),
                failure("zip without JARs in lib/ or at top", s -> s.serve("/odd.zip", Zips.of(Map.of(
                        "a/docs/x.jar", echoJar(), "b/y.txt", new byte[1]))).uri("/odd.zip").toString(),
                        "holds no JAR in lib/ or at its top"),
                failure("ftp", s -> "ftp://127.0.0.1/echo.jar", "scheme \"ftp:\" is not supported"),
                failure("jar", s -> "jar:file:/tmp/echo.jar!/", "scheme \"jar:\" is not supported"),
                failure("relative path", s -> "lib/echo.jar", "a relative path is ambiguous"),
                failure("other fragment", s -> s.uri("/echo.jar") + "#md5=abc", "the fragment \"#md5=abc\""),
                failure("short checksum", s -> s.uri("/echo.jar") + "#sha256=abc", "needs 64 hexadecimal digits"),
                failure("pinned folder", s -> Samples.dir() + "#sha256=" + "a".repeat(64), "pins a file"));
    }

    private static Arguments failure(String name, Function<ArtifactServer, String> image, String cause) {
        return Arguments.of(name, image, cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void deploy_badArtifact_answers400NamingImageAndCauseAndLeavesNothing(String name,
            Function<ArtifactServer, String> imageOf, String cause) throws IOException {
        String image = imageOf.apply(artifacts);

        HttpResponse<String> response = deploy("bad", image);

        assertAll(
                () -> assertEquals(400, response.statusCode(), response.body()),
                () -> assertTrue(response.body().contains("Image \"" + image + "\""), response.body()),
                () -> assertTrue(response.body().contains(cause), response.body()),
                () -> assertEquals("[]", server.get("/system/functions").body()),
                () -> assertEquals(List.of(), filesIn(server.stateDir().resolve("artifacts"))));
    }

    static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private HttpResponse<String> deploy(String name, String image) {
        return server.post("/system/functions", "{\"service\":\"" + name + "\",\"image\":\"" + image + "\"}");
    }

    private static byte[] distribution() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("app-1.0/bin/app", "#!/bin/sh".getBytes());
        entries.put("app-1.0/lib/echo.jar", echoJar());
        entries.put("app-1.0/lib/probe-free-extra.jar", Zips.of(Map.of("extra.txt", new byte[] {1})));
        return Zips.of(entries);
    }

    private static byte[] echoJar() {
        return jar("echo");
    }

    private static byte[] jar(String sample) {
        try {
            return Files.readAllBytes(Samples.jar(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
