package dev.faasjvm.samples.probe;

import java.util.List;
import java.util.Map;

/** Writes the probe's report as JSON: maps, lists, strings and booleans, all it needs (no library, on purpose). */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder json = new StringBuilder();
        append(json, value);
        return json.toString();
    }

    private static void append(StringBuilder json, Object value) {
        if (value instanceof Map) {
            json.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                json.append(separator);
                append(json, entry.getKey().toString());
                json.append(':');
                append(json, entry.getValue());
                separator = ",";
            }
            json.append('}');
        } else if (value instanceof List) {
            json.append('[');
            String separator = "";
            for (Object item : (List<?>) value) {
                json.append(separator);
                append(json, item);
                separator = ",";
            }
            json.append(']');
        } else if (value instanceof Boolean) {
            json.append(value);
        } else {
            json.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
    }
}
