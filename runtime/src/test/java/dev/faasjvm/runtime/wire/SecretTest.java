package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SecretTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void write_nameOnly_dropsEveryOtherKey() {
        Secret secret = new Secret("api-key", null, null, null);

        String json = Json.writeString(secret);

        assertEquals("""
                {"name":"api-key"}""", json);
    }

    @Test
    void write_everyField_matchesGoldenJsonWithPaddedBase64() {
        Secret secret = new Secret("api-key", "openfaas-fn", "text", HELLO);

        String json = Json.writeString(secret);

        assertEquals("""
                {"name":"api-key","namespace":"openfaas-fn","value":"text","rawValue":"aGVsbG8="}""",
                json);
    }

    @Test
    void read_writtenSecret_roundTripsToEqualRecord() {
        Secret secret = new Secret("api-key", "ns", "", new byte[] {0, -1, 2, 3});

        Secret read = Json.read(Json.write(secret), Secret.class);

        assertEquals(secret, read);
    }

    @Test
    void read_base64RawValue_decodesBytes() {
        Secret secret = read("""
                {"name":"api-key","rawValue":"aGVsbG8="}""");

        assertArrayEquals(HELLO, secret.rawValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"s","rawValue":"aGVsbG8"}     | field "rawValue": expected standard base64 with padding
            {"name":"s","rawValue":"aGV-bG8="}    | field "rawValue": expected standard base64 with padding
            {"name":"s","rawValue":5}             | field "rawValue": expected a base64 string, got a number
            {"name":"s","value":{}}               | field "value": expected a string, got an object
            """)
    void read_invalidValue_failsNamingTheFieldWithoutEchoingIt(String json, String problem) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> read(json));

        assertEquals("Invalid JSON: " + problem, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            text  | hello | hello
            text  | ''    | text
            ''    | ''    | ''
            """)
    void effectiveValue_rawValueWhenNonEmpty_elseValueInUtf8(String value, String raw, String expected) {
        Secret secret = new Secret("s", "", value, raw.getBytes(StandardCharsets.UTF_8));

        byte[] effective = secret.effectiveValue();

        assertEquals(expected, new String(effective, StandardCharsets.UTF_8));
    }

    @Test
    void toString_anySecret_neverShowsTheValue() {
        byte[] raw = "s3cr3t-bytes".getBytes(StandardCharsets.UTF_8);
        Secret secret = new Secret("api-key", "ns", "s3cr3t-text", raw);

        String text = secret.toString();

        assertAll(
                () -> assertEquals("Secret[name=api-key, namespace=ns, value=(hidden)]", text),
                () -> assertFalse(text.contains("s3cr3t"), text));
    }

    @Test
    void rawValue_mutatingTheArrays_doesNotChangeTheSecret() {
        byte[] bytes = HELLO.clone();
        Secret secret = new Secret("s", "", "", bytes);

        bytes[0] = 'j';
        secret.rawValue()[1] = 'a';

        assertArrayEquals(HELLO, secret.rawValue());
    }

    @Test
    void equals_sameBytesInDifferentArrays_isEqualWithSameHashCode() {
        Secret one = new Secret("s", "ns", "", HELLO.clone());
        Secret two = new Secret("s", "ns", "", HELLO.clone());

        assertAll(
                () -> assertEquals(one, two, "equals"),
                () -> assertEquals(one.hashCode(), two.hashCode(), "hashCode"));
    }

    @Test
    void write_summariesOfSecrets_containOnlyNameAndNamespace() {
        List<SecretSummary> summaries = List.of(
                SecretSummary.from(new Secret("a", "openfaas-fn", "text", HELLO)),
                SecretSummary.from(new Secret("b", "", "text", null)));

        String json = Json.writeString(summaries);

        assertEquals("""
                [{"name":"a","namespace":"openfaas-fn"},{"name":"b"}]""", json);
    }

    @Test
    void read_writtenSummary_roundTripsToEqualRecord() {
        SecretSummary summary = new SecretSummary("a", "ns");

        SecretSummary read = Json.read(Json.write(summary), SecretSummary.class);

        assertEquals(summary, read);
    }

    private static Secret read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Secret.class);
    }
}
