package dev.faasjvm.runtime.platform.gcf;

import com.google.cloud.functions.HttpResponse;
import dev.faasjvm.api.FunctionResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code HttpResponse} an {@code HttpFunction} writes: status (200 unless set), content type,
 * appended headers, and a body written through either the output stream or the writer (UTF-8 unless
 * the content type names a charset), never both, as in Google's invoker. What it holds becomes the
 * {@link FunctionResponse} once the function returns. Used by the one thread running the call.
 */
final class GcfHttpResponse implements HttpResponse {
    private int status = 200;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private OutputStream stream;
    private BufferedWriter writer;

    @Override
    public void setStatusCode(int code) {
        status = code;
    }

    /** The reason phrase is dropped: HTTP/2 has none, and Jetty writes its own. */
    @Override
    public void setStatusCode(int code, String message) {
        status = code;
    }

    @Override
    public void setContentType(String contentType) {
        headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
    }

    @Override
    public Optional<String> getContentType() {
        List<String> values = headers.get("Content-Type");
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public void appendHeader(String header, String value) {
        if (header.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
        } else {
            headers.computeIfAbsent(header, name -> new ArrayList<>()).add(value);
        }
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public OutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called");
        }
        if (stream == null) {
            stream = body;
        }
        return stream;
    }

    @Override
    public BufferedWriter getWriter() {
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() has already been called");
        }
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(body, charset()));
        }
        return writer;
    }

    /** What the function wrote, flushing its writer as the invoker does when the function returns. */
    FunctionResponse toResponse() {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new FunctionResponse(status, new LinkedHashMap<>(headers), body.toByteArray());
    }

    private Charset charset() {
        String type = getContentType().orElse("");
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(type.substring(at + "charset=".length()).split(";", 2)[0].strip().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
