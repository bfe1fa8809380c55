package dev.faasjvm.runtime.platform.gcf;

import com.google.cloud.functions.HttpRequest;
import dev.faasjvm.api.FunctionRequest;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code HttpRequest} an {@code HttpFunction} sees: method, the URI as the caller addressed the
 * function ({@code http://<Host><path below the function name>?<query>}), the path, the raw query and
 * its decoded parameters, headers, the body as a stream or a reader, and the parts of a
 * {@code multipart/form-data} body. Used by the one thread running the call.
 */
final class GcfHttpRequest extends GcfHttpMessage implements HttpRequest {
    private final FunctionRequest request;
    private Map<String, HttpPart> parts;

    GcfHttpRequest(FunctionRequest request) {
        super(request.headers(), request.body());
        this.request = request;
    }

    @Override
    public String getMethod() {
        return request.method();
    }

    @Override
    public String getUri() {
        String host = getFirstHeader("Host").orElse("localhost");
        String query = request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
        return "http://" + host + request.path() + query;
    }

    @Override
    public String getPath() {
        return request.path();
    }

    @Override
    public Optional<String> getQuery() {
        return request.rawQuery().isEmpty() ? Optional.empty() : Optional.of(request.rawQuery());
    }

    @Override
    public Map<String, java.util.List<String>> getQueryParameters() {
        return request.queryParameters();
    }

    /**
     * The parts of a {@code multipart/form-data} body by name.
     *
     * @throws IllegalStateException for any other content type, as Google's invoker does
     */
    @Override
    public Map<String, HttpPart> getParts() {
        if (parts == null) {
            String type = getContentType().orElse("");
            if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
                throw new IllegalStateException("Content-Type must be multipart/form-data: " + type);
            }
            parts = MultipartParts.parse(type, body());
        }
        return parts;
    }
}
