package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DurationHeaderTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "1, 0.000000001", "361000, 0.000361", "1500000000, 1.5", "2000000000, 2",
            "12345678901, 12.345678901", "100000000, 0.1", "1010, 0.00000101"})
    void seconds_isAPlainDecimalWithoutTrailingZeros(long nanos, String expected) {
        assertEquals(expected, InvokeHandler.seconds(nanos));
    }

    @Test
    void seconds_agreesWithBigDecimal_overManyValues() {
        for (long nanos = 0; nanos < 3_000_000_000L; nanos += 999_983) {
            assertEquals(BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString(), InvokeHandler.seconds(nanos));
        }
    }
}
