package dev.faasjvm.runtime.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's zero values for the compact constructors of the wire records: Go decodes JSON {@code null}
 * and absent keys to {@code ""}, an empty map or slice, or {@code 0001-01-01T00:00:00Z}, so the
 * records never hold {@code null}. Stateless and thread-safe.
 */
final class ZeroValues {
    /** Go's zero {@code time.Time}, printed as {@code 0001-01-01T00:00:00Z}. */
    static final Instant TIME = Instant.parse("0001-01-01T00:00:00Z");

    private ZeroValues() {
    }

    static String string(String value) {
        return value == null ? "" : value;
    }

    static Instant time(Instant value) {
        return value == null ? TIME : value;
    }

    /** An immutable copy in which {@code null} values (JSON {@code {"k":null}}) become {@code ""}. */
    static Map<String, String> map(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>(map.size() * 2);
        map.forEach((key, value) -> copy.put(key, string(value)));
        return Map.copyOf(copy);
    }

    /** An immutable copy in which {@code null} elements (JSON {@code [null]}) become {@code ""}. */
    static List<String> list(List<String> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(list.size());
        list.forEach(element -> copy.add(string(element)));
        return List.copyOf(copy);
    }

    /** Checks a Go {@code uint64} field set from Java code; JSON input is checked while parsing. */
    static long uint64(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    "Field \"" + name + "\" must not be negative, got " + value);
        }
        return value;
    }
}
