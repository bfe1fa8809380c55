package dev.faasjvm.runtime.platform.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads events into a function's types and writes its results, with the settings of Lambda's own
 * serializer ({@code aws-lambda-java-serialization}'s {@code JacksonFactory}) that plain Jackson has:
 * standard bean naming, lenient reading, unknown properties ignored, nulls left out. A {@code String}
 * input that the event is not a JSON string of gets the event's JSON text. One per function
 * generation; thread-safe.
 */
final class LambdaJson {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;
    private final TypeFactory types;

    private LambdaJson(ObjectMapper mapper, TypeFactory types) {
        this.mapper = mapper;
        this.types = types;
    }

    /** A mapper that resolves types in {@code loader}, the function's own. */
    static LambdaJson forLoader(ClassLoader loader) {
        TypeFactory types = TypeFactory.defaultInstance()
                .withCache(new LRUMap<Object, JavaType>(16, 200))
                .withClassLoader(loader);
        ObjectMapper mapper = JsonMapper.builder()
                .typeFactory(types)
                .enable(MapperFeature.USE_STD_BEAN_NAMING)
                .disable(MapperFeature.AUTO_DETECT_CREATORS, MapperFeature.INFER_PROPERTY_MUTATORS,
                        MapperFeature.USE_GETTERS_AS_SETTERS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
                        JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                        JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        return new LambdaJson(mapper, types);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    JavaType type(Type type) {
        return types.constructType(type);
    }

    JavaType[] typeParameters(Class<?> type, Class<?> generic) {
        return types.findTypeParameters(type, generic);
    }

    /** The event read as {@code type}. */
    Object read(byte[] event, JavaType type) throws IOException {
        if (type.getRawClass() == String.class && !isJsonString(event)) {
            return new String(event, StandardCharsets.UTF_8);
        }
        return mapper.readValue(event, type);
    }

    /** A result as JSON; {@code null} as Lambda writes it. */
    byte[] write(Object value) throws IOException {
        return value == null ? NULL.clone() : mapper.writeValueAsBytes(value);
    }

    static byte[] jsonNull() {
        return NULL.clone();
    }

    private boolean isJsonString(byte[] json) throws IOException {
        try (JsonParser parser = mapper.createParser(json)) {
            return parser.nextToken() == JsonToken.VALUE_STRING;
        }
    }
}
