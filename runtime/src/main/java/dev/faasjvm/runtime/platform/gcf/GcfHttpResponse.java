package dev.faasjvm.runtime.platform.gcf;

import com.google.cloud.functions.HttpResponse;
import dev.faasjvm.api.ResponseStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code HttpResponse} an {@code HttpFunction} writes, over the call's {@link ResponseStream},
 * as Google's invoker does over a servlet response: status (200 unless set), content type and
 * appended headers until the response is committed, and silently ignored after, as a servlet
 * container ignores them; a body written through either the output stream or the writer (UTF-8
 * unless the content type names a charset), never both. The response commits at the first flush
 * or when the runtime's 32 KiB buffer fills, and then streams; what is left is sent when the
 * function returns. Used by the one thread running the call.
 */
final class GcfHttpResponse implements HttpResponse {
    private final ResponseStream response;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** The body; its flush commits, except the one that pushes the writer's last characters at the end. */
    private final OutputStream body;
    private boolean finishing;
    private OutputStream stream;
    private BufferedWriter writer;

    GcfHttpResponse(ResponseStream response) {
        this.response = response;
        this.body = new FilterOutputStream(response.body()) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                if (!finishing) {
                    out.flush();
                }
            }
        };
    }

    @Override
    public void setStatusCode(int code) {
        if (!response.isCommitted()) {
            response.setStatus(code);
        }
    }

    /** The reason phrase is dropped: HTTP/2 has none, and Jetty writes its own. */
    @Override
    public void setStatusCode(int code, String message) {
        setStatusCode(code);
    }

    @Override
    public void setContentType(String contentType) {
        if (!response.isCommitted()) {
            headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
            response.setHeader("Content-Type", contentType);
        }
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
        } else if (!response.isCommitted()) {
            headers.computeIfAbsent(header, name -> new ArrayList<>()).add(value);
            response.addHeader(header, value);
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

    /**
     * When the function has returned: moves what its writer still holds into the body without
     * committing, as the invoker's closing of the response does; the runtime sends the rest.
     */
    void finish() throws IOException {
        if (writer != null) {
            finishing = true;
            writer.flush();
        }
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
