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
