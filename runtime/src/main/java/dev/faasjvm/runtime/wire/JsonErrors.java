package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's exceptions into {@link WireFormatException}s whose messages a client can act on:
 * the JSON field path, what was expected and what arrived, or the line and column of a syntax
 * error. Never echoes a string value that might be a secret. Stateless and thread-safe.
 */
final class JsonErrors {
    private static final Pattern UNEXPECTED_CHARACTER =
            Pattern.compile("^Unexpected character \\('(.+?)' \\(code");
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("^Unrecognized token '(.*?)'");

    private JsonErrors() {
    }

    static WireFormatException translate(JsonProcessingException e) {
        return new WireFormatException("Invalid JSON: " + describe(e), e);
    }

    /** The location suffix of a syntax error message, for example {@code " at line 1, column 12"}. */
    static String at(JsonLocation location) {
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamReadException) {
            return syntaxProblem(e) + at(e.getLocation());
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return sentence(e.getOriginalMessage());
        }
        String field = fieldPrefix(mapping.getPath());
        if (e instanceof MismatchedInputException mismatch) {
            return field + mismatch(mismatch);
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return field + sentence(e.getCause().getMessage());
        }
        return field + sentence(e.getOriginalMessage());
    }

    private static String syntaxProblem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected end of input";
        }
        String message = String.valueOf(e.getOriginalMessage());
        Matcher character = UNEXPECTED_CHARACTER.matcher(message);
        if (character.find()) {
            return "unexpected character '" + character.group(1) + "'";
        }
        Matcher token = UNRECOGNIZED_TOKEN.matcher(message);
        if (token.find()) {
            return "unrecognized token '" + token.group(1) + "'";
        }
        return "syntax error";
    }

    private static String mismatch(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        String got = kind(currentToken(e));
        if (e instanceof InvalidFormatException invalid && got.equals(nativeKind(target))) {
            return invalidValue(target, invalid.getValue());
        }
        return "expected " + expected(target) + ", got " + got;
    }

    /** A value of the right JSON kind that the target type still rejects. */
    private static String invalidValue(Class<?> target, Object value) {
        if (target == long.class || target == Long.class) {
            return "expected a non-negative integer, got " + value;
        }
        if (target == Instant.class) {
            return "expected an RFC 3339 time, got \"" + value + "\"";
        }
        if (target == byte[].class) {
            return "expected standard base64 with padding";
        }
        return "invalid value";
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "a different value";
        }
        if (target == Instant.class) {
            return "an RFC 3339 time string";
        }
        if (target == byte[].class) {
            return "a base64 string";
        }
        String kind = nativeKind(target);
        return kind == null ? "an object" : kind;
    }

    /** The JSON kind a target type is read from, or {@code null} for objects. */
    private static String nativeKind(Class<?> target) {
        if (target == null) {
            return null;
        }
        if (target == String.class || target == Instant.class || target == byte[].class) {
            return "a string";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "a boolean";
        }
        if (target.isPrimitive() || Number.class.isAssignableFrom(target)) {
            return "a number";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return null;
    }

    private static JsonToken currentToken(MismatchedInputException e) {
        Object processor = e.getProcessor();
        return processor instanceof JsonParser parser ? parser.currentToken() : null;
    }

    private static String kind(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "an unexpected token";
        };
    }

    /** {@code field "limits.memory": } for a path, or nothing at the top level. */
    private static String fieldPrefix(List<JsonMappingException.Reference> path) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                name.append('[').append(reference.getIndex()).append(']');
            }
        }
        return name.length() == 0 ? "" : "field \"" + name + "\": ";
    }

    private static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "the value could not be read";
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return Character.toLowerCase(firstLine.charAt(0)) + firstLine.substring(1);
    }
}
