package dev.faasjvm.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ImageRefTest {
    private static final String HASH = "ab".repeat(32);

    @Test
    void parse_httpsUrlWithPin_splitsUriAndChecksum() {
        ImageRef ref = ImageRef.parse("https://example.com/f/echo.jar?x=1#sha256=" + HASH.toUpperCase());

        assertAll(
                () -> assertTrue(ref.isRemote()),
                () -> assertEquals(URI.create("https://example.com/f/echo.jar?x=1"), ref.uri()),
                () -> assertEquals(HASH, ref.sha256(), "lower-cased"),
                () -> assertNull(ref.path()));
    }

    @Test
    void parse_fileUrl_isLocalPath() {
        ImageRef ref = ImageRef.parse("file:///opt/fn/echo.jar#sha256=" + HASH);

        assertEquals(Path.of("/opt/fn/echo.jar"), ref.path());
        assertEquals(HASH, ref.sha256());
    }

    @Test
    void parse_absolutePathWithPinSuffix_splitsIt() {
        ImageRef ref = ImageRef.parse("/opt/fn/echo.jar#sha256=" + HASH);

        assertEquals(Path.of("/opt/fn/echo.jar"), ref.path());
        assertTrue(ref.isPinned());
    }

    @Test
    void parse_absolutePathWithOtherHash_keepsItInTheName() {
        ImageRef ref = ImageRef.parse("/opt/fn#1/echo.jar");

        assertEquals(Path.of("/opt/fn#1/echo.jar"), ref.path());
        assertEquals("", ref.sha256());
    }

    // Issue 14: faas-cli appends a Docker tag to every stack-file image.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/opt/fn/echo.jar:latest|/opt/fn/echo.jar|",
        "/opt/fn/echo.jar:latest-0f3a9b1|/opt/fn/echo.jar|",
        "/opt/fn/bundle.ZIP:v1.2_rc-3|/opt/fn/bundle.ZIP|",
        "/opt/fn/:latest|/opt/fn|",
        "/opt/fn/echo.jar:latest#sha256=HASH|/opt/fn/echo.jar|HASH",
        "/opt/fn/echo.jar#sha256=HASH:latest|/opt/fn/echo.jar|HASH",
        "file:///opt/fn/echo.jar:dev|/opt/fn/echo.jar|",
        "file:///opt/fn/echo.jar#sha256=HASH:dev|/opt/fn/echo.jar|HASH",
        "file:///opt/fn/echo.jar:dev#sha256=HASH|/opt/fn/echo.jar|HASH"})
    void parse_localImageWithDockerTag_resolvesWithoutTagAndKeepsImage(String image, String path, String sha) {
        String sent = image.replace("HASH", HASH);

        ImageRef ref = ImageRef.parse(sent);

        assertAll(
                () -> assertEquals(Path.of(path), ref.path()),
                () -> assertEquals(sha == null ? "" : HASH, ref.sha256()),
                () -> assertEquals(sent, ref.image(), "the image is echoed as sent"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:8080/f/echo.jar:latest|http://127.0.0.1:8080/f/echo.jar|",
        "https://host/f/echo.zip:0.2.0|https://host/f/echo.zip|",
        "https://host/f/echo.jar:latest#sha256=HASH|https://host/f/echo.jar|HASH",
        "https://host/f/echo.jar#sha256=HASH:latest|https://host/f/echo.jar|HASH",
        "http://host:8080/fns/:latest|http://host:8080/fns/|"})
    void parse_remoteImageWithDockerTag_resolvesWithoutTag(String image, String uri, String sha) {
        ImageRef ref = ImageRef.parse(image.replace("HASH", HASH));

        assertEquals(URI.create(uri), ref.uri());
        assertEquals(sha == null ? "" : HASH, ref.sha256());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://host.jar:8080|http://host.jar:8080",
        "https://host/f/echo.jar?v=1:latest|https://host/f/echo.jar?v=1:latest",
        "/opt/fn/echo:latest|/opt/fn/echo:latest",
        "/opt/fn/echo.jar:-bad|/opt/fn/echo.jar:-bad",
        "/opt/fn/echo.jar:a/b|/opt/fn/echo.jar:a/b"})
    void withoutDockerTag_notATaggedArtifact_keepsEverything(String image, String expected) {
        assertEquals(expected, ImageRef.withoutDockerTag(image));
    }

    @Test
    void parse_taggedImageWithShortPin_namesTheHexWithoutTheTag() {
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> ImageRef.parse("https://host/f.jar#sha256=12:latest"));

        assertTrue(e.getMessage().contains("not \"12\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://host/f.jar|scheme \"ftp:\" is not supported",
        "jar:file:/f.jar!/|scheme \"jar:\" is not supported",
        "s3://bucket/f.jar|scheme \"s3:\" is not supported",
        "functions/echo.jar|a relative path is ambiguous",
        "http:///f.jar|the URL names no host",
        "https://host/f.jar#md5=1|the fragment \"#md5=1\" is not supported",
        "https://host/f.jar#sha256=12|#sha256= needs 64 hexadecimal digits",
        "https://host/f jar|not a valid URL or path"})
    void parse_unsupportedImage_namesImageAndProblem(String image, String problem) {
        ArtifactException e = assertThrows(ArtifactException.class, () -> ImageRef.parse(image));

        assertTrue(e.getMessage().startsWith("Image \"" + image + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
