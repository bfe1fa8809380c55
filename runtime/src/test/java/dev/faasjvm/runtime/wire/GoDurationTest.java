package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"30, PT30S", "0, PT0S", "30s, PT30S", "1m30s, PT1M30S", "500ms, PT0.5S", "1h, PT1H",
        "1.5s, PT1.5S", "10us, PT0.00001S", "2m0.5s, PT2M0.5S"})
    void parse_intOrGoDuration_givesDuration(String text, Duration expected) {
        assertEquals(expected, GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10 s", "-5", "5x", "s"})
    void parse_notADuration_throwsNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));

        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PT1S, 1s", "PT0S, 0s", "PT1M30S, 1m30s", "PT0.5S, 500ms", "PT1H, 1h0m0s", "PT1.5S, 1.5s",
        "PT0.00001S, 10µs", "PT2M0.5S, 2m0.5s", "PT0.000000007S, 7ns"})
    void format_duration_writesItAsGoDoes(Duration duration, String expected) {
        assertEquals(expected, GoDuration.format(duration));
    }
}
