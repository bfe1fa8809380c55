package dev.faasjvm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FunctionResponseTest {

    @Test
    void ok_text_isUtf8TextPlain() {
        FunctionResponse response = FunctionResponse.ok("héllo");

        assertEquals(200, response.status());
        assertEquals(List.of("text/plain; charset=utf-8"), response.headers().get("Content-Type"));
        assertEquals("héllo", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void withHeader_addsValueAndLeavesOriginalUnchanged() {
        FunctionResponse original = FunctionResponse.ok(new byte[0]);

        FunctionResponse changed = original.withHeader("X-A", "1").withHeader("X-A", "2");

        assertEquals(List.of("1", "2"), changed.headers().get("X-A"));
        assertEquals(Map.of(), original.headers());
    }

    @Test
    void constructor_copiesHeaders() {
        Map<String, List<String>> headers = new HashMap<>(Map.of("X-A", List.of("1")));
        FunctionResponse response = new FunctionResponse(200, headers, new byte[0]);

        headers.put("X-B", List.of("2"));

        assertEquals(Map.of("X-A", List.of("1")), response.headers());
        assertThrows(UnsupportedOperationException.class, () -> response.headers().put("X", List.of()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 99, 600, -1})
    void constructor_statusOutOfRange_throws(int status) {
        assertThrows(IllegalArgumentException.class, () -> FunctionResponse.status(status));
    }

    @Test
    void constructor_nulls_throw() {
        assertThrows(NullPointerException.class, () -> FunctionResponse.ok((String) null));
        assertThrows(NullPointerException.class, () -> FunctionResponse.of(200, null));
    }

    @Test
    void equals_comparesBodyContent() {
        assertEquals(FunctionResponse.ok("a"), FunctionResponse.ok("a"));
        assertNotEquals(FunctionResponse.ok("a"), FunctionResponse.ok("b"));
        assertEquals(FunctionResponse.ok("a").hashCode(), FunctionResponse.ok("a").hashCode());
    }

    @Test
    void json_setsContentType() {
        assertEquals(List.of("application/json"), FunctionResponse.json("{}").headers().get("Content-Type"));
    }
}
