package dev.faasjvm.runtime.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the {@code key=value} lines the platform samples answer with (the first of a repeated key wins). */
public final class KeyValueLines {
    private KeyValueLines() {
    }

    public static Map<String, String> parse(String body) {
        return Arrays.stream(body.split("\n"))
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (first, second) -> first, LinkedHashMap::new));
    }
}
