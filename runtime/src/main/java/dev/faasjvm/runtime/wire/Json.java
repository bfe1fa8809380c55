package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The one shared Jackson mapper, configured once to behave like Go's {@code encoding/json} for the
 * records of this package, and the only way other packages read or write them. Reading failures
 * become {@link WireFormatException}s with client-safe messages. Thread-safe: the mapper is never
 * reconfigured after this class initialises and never leaves this package.
 */
public final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder()
            // Go matches keys case-insensitively and skips unknown ones (old faas-cli sends `network`).
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Go leaves the zero value for null, so "replicas":null is 0.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Go never converts between JSON kinds: "3" is not a number, 3 is not a string.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, Json::failFromStrings)
            .withCoercionConfig(LogicalType.Float, Json::failFromStrings)
            .withCoercionConfig(LogicalType.Boolean, config -> failFromStrings(config)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            // Go sorts map keys when it marshals.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addModule(new SimpleModule("go-encoding-json")
                    .addSerializer(Instant.class, new GoTime.Serializer())
                    .addDeserializer(Instant.class, new GoTime.Deserializer())
                    .addSerializer(Double.TYPE, new GoNumbers.FloatSerializer())
                    .addSerializer(Double.class, new GoNumbers.FloatSerializer()))
            .build();

    private Json() {
    }

    /**
     * Reads one JSON object of the given wire type.
     *
     * @throws WireFormatException if the body is empty, is not well-formed JSON, is not an object,
     *     has a value of the wrong JSON kind, or has data after the object
     */
    public static <T> T read(byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        if (isBlank(json)) {
            throw new WireFormatException("Request body is empty: expected a JSON object");
        }
        try (JsonParser parser = MAPPER.createParser(json)) {
            return readObject(parser, type);
        } catch (IOException e) {
            throw new WireFormatException("Invalid JSON: the body could not be decoded", e);
        }
    }

    /** Translates while the parser is open, because the message names the token it stopped at. */
    private static <T> T readObject(JsonParser parser, Class<T> type) {
        try {
            T value = MAPPER.readValue(parser, type);
            if (value == null) {
                throw new WireFormatException("Invalid JSON: expected an object, got null");
            }
            if (parser.nextToken() != null) {
                throw new WireFormatException("Invalid JSON: unexpected data after the object"
                        + JsonErrors.at(parser.currentTokenLocation()));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw JsonErrors.translate(e);
        } catch (IOException e) {
            throw new WireFormatException("Invalid JSON: the body could not be decoded", e);
        }
    }

    /** Writes a wire record (or a list or map of them) as UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + typeName(value) + " as JSON", e);
        }
    }

    /** Writes a wire record (or a list or map of them) as a JSON string. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + typeName(value) + " as JSON", e);
        }
    }

    private static MutableCoercionConfig failFromStrings(MutableCoercionConfig config) {
        return config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
