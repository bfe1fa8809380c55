package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Go's {@code time.Time} JSON form: written as RFC 3339 with nanoseconds in UTC, exactly as
 * {@code time.RFC3339Nano} prints it ({@code 2019-06-11T11:23:28.852577475Z}, trailing zeros of
 * the fraction trimmed, no fraction at all for whole seconds), and read as RFC 3339 with an
 * optional fraction and any offset. Stateless and thread-safe.
 */
public final class GoTime {
    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendPattern("-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter RFC3339 = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendPattern("-MM-dd'T'HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private GoTime() {
    }

    /** Formats like Go's {@code t.UTC().Format(time.RFC3339Nano)}; years outside 0–9999 fail, as in Go. */
    public static String format(Instant instant) {
        return RFC3339_NANO.format(instant);
    }

    /**
     * Parses RFC 3339 with an optional fraction of up to nine digits and a {@code Z} or ±hh:mm offset.
     *
     * @throws java.time.format.DateTimeParseException if {@code text} is not RFC 3339
     */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, RFC3339).toInstant();
    }

    /** Writes an {@link Instant} as a Go RFC 3339 string. */
    static final class Serializer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeString(format(value));
        }
    }

    /** Reads an RFC 3339 string; a JSON {@code null} stays {@code null} for the record to zero. */
    static final class Deserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not RFC 3339");
            }
        }
    }
}
