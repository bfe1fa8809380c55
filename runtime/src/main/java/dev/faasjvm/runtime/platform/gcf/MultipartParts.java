package dev.faasjvm.runtime.platform.gcf;

import com.google.cloud.functions.HttpRequest.HttpPart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code multipart/form-data} body (RFC 7578) into its parts by name: each part's headers,
 * its file name from {@code Content-Disposition}, and its bytes. A body without the boundary its
 * content type names is an {@link IllegalArgumentException}. Stateless.
 */
final class MultipartParts {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]*)\"|([^;\\s]+))");
    private static final Pattern PARAMETER = Pattern.compile("(?i);\\s*(name|filename)=(\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");

    private MultipartParts() {
    }

    static Map<String, HttpPart> parse(String contentType, byte[] body) {
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!boundaryMatch.find()) {
            throw new IllegalArgumentException("multipart/form-data without a boundary: " + contentType);
        }
        String boundary = boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(3);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, HttpPart> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IllegalArgumentException("The multipart body holds no boundary \"" + boundary + "\"");
        }
        while (true) {
            int start = at + delimiter.length;
            if (startsWith(body, start, "--")) {
                break;
            }
            start = skipLineBreak(body, start);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), start);
            if (next < 0) {
                throw new IllegalArgumentException("The multipart body ends inside a part");
            }
            add(parts, body, start, next);
            at = next + 2;
        }
        return Collections.unmodifiableMap(parts);
    }

    private static void add(Map<String, HttpPart> parts, byte[] body, int start, int end) {
        int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
        if (headersEnd < 0 || headersEnd > end) {
            headersEnd = start - 2;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String head = headersEnd <= start ? "" : new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
        }
        int contentStart = Math.min(headersEnd + 4, end);
        byte[] content = java.util.Arrays.copyOfRange(body, contentStart, end);
        Map<String, String> disposition = disposition(headers);
        String name = disposition.getOrDefault("name", "");
        parts.put(name, new Part(headers, content, disposition.get("filename")));
    }

    private static Map<String, String> disposition(Map<String, List<String>> headers) {
        Map<String, String> parameters = new LinkedHashMap<>();
        headers.forEach((header, values) -> {
            if (header.equalsIgnoreCase("Content-Disposition") && !values.isEmpty()) {
                Matcher matcher = PARAMETER.matcher(values.get(0));
                while (matcher.find()) {
                    String value = matcher.group(3) != null ? matcher.group(3).replaceAll("\\\\(.)", "$1")
                            : matcher.group(4);
                    parameters.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), value);
                }
            }
        });
        return parameters;
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (startsWith(body, at, "\r\n")) {
            return at + 2;
        }
        return startsWith(body, at, "\n") ? at + 1 : at;
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (at + bytes.length > body.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (body[at + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] target, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (body[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One part: its headers, its bytes, and its file name if it is a file. */
    private static final class Part extends GcfHttpMessage implements HttpPart {
        /** The file name, or {@code null} for a plain form field. */
        private final String fileName;

        Part(Map<String, List<String>> headers, byte[] content, String fileName) {
            super(headers, content);
            this.fileName = fileName;
        }

        @Override
        public Optional<String> getFileName() {
            return Optional.ofNullable(fileName);
        }
    }
}
