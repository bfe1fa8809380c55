package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Go's JSON numbers: {@code float64} printed as {@code encoding/json} prints it ({@code 1337}, not
 * {@code 1337.0}; exponent form below 1e-6 and from 1e21) and {@code uint64} read without accepting
 * negatives or fractions. Stateless and thread-safe.
 */
final class GoNumbers {
    private GoNumbers() {
    }

    /** Formats like Go's {@code encoding/json} float64 encoder; NaN and infinities fail, as in Go. */
    static String formatFloat(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON cannot represent the number " + value);
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) {
            return decimal.toPlainString();
        }
        return exponentForm(decimal);
    }

    /** Go's shortest {@code 'e'} form after {@code encoding/json}'s cleanup: {@code 1e+21}, {@code 1.5e-7}. */
    private static String exponentForm(BigDecimal decimal) {
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (decimal.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        return out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent)).toString();
    }

    /** Writes a {@code double} as Go writes a {@code float64}. */
    static final class FloatSerializer extends StdScalarSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FloatSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeNumber(formatFloat(value));
        }
    }

    /**
     * Reads a Go {@code uint64} into a {@code long}: only a JSON integer from 0 to
     * {@link Long#MAX_VALUE}; {@code null} is 0, as Go leaves the zero value.
     */
    static final class Uint64Deserializer extends StdScalarDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        Uint64Deserializer() {
            super(Long.TYPE);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT)
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                    && p.getLongValue() >= 0) {
                return p.getLongValue();
            }
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return (Long) ctxt.handleWeirdNumberValue(Long.TYPE, p.getNumberValue(), "not a uint64");
            }
            return (Long) ctxt.handleUnexpectedToken(Long.TYPE, p);
        }

        @Override
        public Long getNullValue(DeserializationContext ctxt) {
            return 0L;
        }
    }
}
