package dev.faasjvm.runtime.platform.gcf;

import com.google.cloud.functions.HttpMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request or one part of a multipart request: headers (case-insensitive) and a body held in
 * memory. The reader decodes with the content type's charset, UTF-8 when it names none. Read-only.
 */
class GcfHttpMessage implements HttpMessage {
    private final Map<String, List<String>> headers;
    private final byte[] body;

    GcfHttpMessage(Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (first, more) -> {
            List<String> all = new java.util.ArrayList<>(first);
            all.addAll(more);
            return List.copyOf(all);
        }));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
    }

    @Override
    public Optional<String> getContentType() {
        return getFirstHeader("Content-Type");
    }

    @Override
    public long getContentLength() {
        return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
        String type = getContentType().orElse("");
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(type.substring(at + "charset=".length()).split(";", 2)[0].strip().replace("\"", ""));
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    private Charset charset() {
        try {
            return getCharacterEncoding().map(Charset::forName).orElse(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
