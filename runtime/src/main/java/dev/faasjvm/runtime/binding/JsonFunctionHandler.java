package dev.faasjvm.runtime.binding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls a {@link Function} with the request body bound from JSON to its input type, and answers
 * its output as JSON. A body that does not bind is an {@link InvalidRequestException} naming the
 * problem. A {@code String} or {@code byte[]} input receives the raw body; a {@code String} output
 * is sent as text and a {@code byte[]} as it is; a {@code null} output is a {@code 204}. Immutable
 * and thread-safe, like the mapper inside it.
 */
public final class JsonFunctionHandler implements FunctionHandler {
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final Map<String, List<String>> TEXT =
            Map.of("Content-Type", List.of("text/plain; charset=utf-8"));

    private final Function<Object, Object> function;
    private final ObjectMapper mapper;
    private final JavaType inputType;

    private JsonFunctionHandler(Function<Object, Object> function, ObjectMapper mapper, JavaType inputType) {
        this.function = function;
        this.mapper = mapper;
        this.inputType = inputType;
    }

    /**
     * Wraps {@code function}, resolving its input type from its {@code Function<I, O>} declaration
     * ({@code Object} when it is not declared).
     */
    @SuppressWarnings("unchecked")
    public static JsonFunctionHandler of(Function<?, ?> function) {
        ClassLoader loader = function.getClass().getClassLoader();
        TypeFactory types = TypeFactory.defaultInstance()
                .withCache(new LRUMap<Object, JavaType>(16, 200))
                .withClassLoader(loader);
        ObjectMapper mapper = JsonMapper.builder()
                .typeFactory(types)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        JavaType[] parameters = types.findTypeParameters(function.getClass(), Function.class);
        JavaType input = parameters.length == 2 ? parameters[0] : types.constructType(Object.class);
        return new JsonFunctionHandler((Function<Object, Object>) function, mapper, input);
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) throws IOException {
        Object output = function.apply(bind(request));
        if (output == null) {
            return FunctionResponse.status(204);
        }
        if (output instanceof byte[]) {
            return FunctionResponse.ok((byte[]) output);
        }
        if (output instanceof String) {
            return new FunctionResponse(200, TEXT, ((String) output).getBytes(StandardCharsets.UTF_8));
        }
        return new FunctionResponse(200, JSON, mapper.writeValueAsBytes(output));
    }

    private Object bind(FunctionRequest request) {
        Class<?> raw = inputType.getRawClass();
        if (raw == String.class) {
            return request.bodyAsString();
        }
        if (raw == byte[].class) {
            return request.body();
        }
        if (request.body().length == 0) {
            throw new InvalidRequestException("Request body is empty: expected JSON for "
                    + inputType.toCanonical());
        }
        try {
            return mapper.readValue(request.body(), inputType);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("Request body does not bind to " + inputType.toCanonical()
                    + ": " + withoutSource(e.getOriginalMessage()) + location(e));
        } catch (IOException e) {
            throw new InvalidRequestException("Request body cannot be read: " + e.getMessage());
        }
    }

    /** Jackson names its input source in some messages; the client needs only the problem. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "")
                .replaceAll("\\s*at \\[Source:.*?\\]", "");
    }

    private static String location(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException) {
            String path = ((com.fasterxml.jackson.databind.JsonMappingException) e).getPathReference();
            if (path != null && !path.isEmpty()) {
                return " (at " + path + ")";
            }
        }
        return e.getLocation() == null ? ""
                : " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
