package dev.faasjvm.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

final class BasicCredentialsTest {
    private final BasicCredentials credentials = new BasicCredentials("admin", "s3cret:with:colons");

    @Test
    void matches_rightUserAndPassword_isTrue() {
        assertTrue(credentials.matches(basic("admin:s3cret:with:colons")));
    }

    @Test
    void matches_schemeInAnyCase_isTrue() {
        assertTrue(credentials.matches("bAsIc " + encode("admin:s3cret:with:colons")));
    }

    @Test
    void header_isWhatMatches() {
        assertTrue(credentials.matches(credentials.header()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin:wrong", "root:s3cret:with:colons", "admin:", ":s3cret:with:colons",
        "admin:s3cret:with:colons ", "admins3cret"})
    void matches_wrongCredentials_isFalse(String userAndPassword) {
        assertFalse(credentials.matches(basic(userAndPassword)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Basic", "Basic !!!not-base64!!!", "Bearer abc", "Digest username=\"admin\""})
    void matches_missingOrMalformedHeader_isFalse(String header) {
        assertFalse(credentials.matches(header));
    }

    @Test
    void toString_hidesThePassword() {
        assertFalse(credentials.toString().contains("s3cret"));
        assertTrue(credentials.toString().contains("admin"));
    }

    @Test
    void emptyUserOrPassword_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BasicCredentials("", "x"));
        assertThrows(IllegalArgumentException.class, () -> new BasicCredentials("x", ""));
    }

    @Test
    void header_isBasicWithStandardBase64() {
        assertEquals("Basic " + encode("admin:s3cret:with:colons"), credentials.header());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + encode(userAndPassword);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
