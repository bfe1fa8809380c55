package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class GoTimeTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
            2019-06-11T11:23:28.852577475Z, 2019-06-11T11:23:28.852577475Z
            2019-06-11T11:23:28Z,           2019-06-11T11:23:28Z
            2019-06-11T11:23:28.100Z,       2019-06-11T11:23:28.1Z
            2019-06-11T11:23:28.000001Z,    2019-06-11T11:23:28.000001Z
            2019-06-11T11:23:28.000000001Z, 2019-06-11T11:23:28.000000001Z
            0001-01-01T00:00:00Z,           0001-01-01T00:00:00Z
            """)
    void format_instant_printsRfc3339NanoLikeGo(String instant, String expected) {
        String formatted = GoTime.format(Instant.parse(instant));

        assertEquals(expected, formatted);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            2019-06-11T11:23:28Z,                2019-06-11T11:23:28Z
            2019-06-11T11:23:28.852577475Z,      2019-06-11T11:23:28.852577475Z
            2019-06-11T13:23:28.852577475+02:00, 2019-06-11T11:23:28.852577475Z
            2019-06-11T06:53:28.5-04:30,         2019-06-11T11:23:28.5Z
            2019-06-11T11:23:28+00:00,           2019-06-11T11:23:28Z
            2019-06-12T00:23:28-00:00,           2019-06-12T00:23:28Z
            """)
    void parse_rfc3339WithOptionalFractionAndAnyOffset_givesInstant(String text, String expected) {
        Instant parsed = GoTime.parse(text);

        assertEquals(Instant.parse(expected), parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2019-06-11", "2019-06-11T11:23Z", "2019-06-11 11:23:28Z", "2019-06-11T11:23:28",
        "2019-06-11T11:23:28+0200", "2019-02-30T11:23:28Z", "2019-06-11T11:23:28.Z",
        "2019-06-11T11:23:28.1234567891Z", "yesterday", ""})
    void parse_notRfc3339_fails(String text) {
        assertThrows(DateTimeParseException.class, () -> GoTime.parse(text));
    }
}
