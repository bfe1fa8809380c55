package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class GoNumbersTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
            1337,                   1337
            1337.0,                 1337
            0,                      0
            -0.0,                   -0
            0.5,                    0.5
            -2.25,                  -2.25
            0.1,                    0.1
            1048576,                1048576
            123456789012345678,     123456789012345680
            0.000001,               0.000001
            0.0000001,              1e-7
            0.00000015,             1.5e-7
            1e-10,                  1e-10
            1e20,                   100000000000000000000
            1e21,                   1e+21
            -1.5e300,               -1.5e+300
            """)
    void formatFloat_value_printsLikeGoEncodingJson(double value, String expected) {
        String formatted = GoNumbers.formatFloat(value);

        assertEquals(expected, formatted);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void formatFloat_notFinite_failsAsGoDoes(double value) {
        assertThrows(IllegalArgumentException.class, () -> GoNumbers.formatFloat(value));
    }
}
