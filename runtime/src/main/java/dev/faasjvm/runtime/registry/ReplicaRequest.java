package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.platform.CallOrigin;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link FunctionRequest} a handler sees: an {@link Invocation} plus the replica's context and
 * the call's deadline. The query is parsed on first use. Used by the one thread running the call.
 */
final class ReplicaRequest implements FunctionRequest, CallOrigin {
    private final Call call;
    private final Invocation invocation;
    private final FunctionContext context;
    private final Clock clock;
    private Map<String, List<String>> query;
    /** The deadline, worked out at the first ask so that every later one answers the same instant. */
    private Optional<Instant> deadline;

    ReplicaRequest(Call call, FunctionContext context, Clock clock) {
        this.call = call;
        this.invocation = call.invocation();
        this.context = context;
        this.clock = clock;
    }

    @Override
    public String method() {
        return invocation.method();
    }

    @Override
    public String path() {
        return invocation.path();
    }

    @Override
    public String rawQuery() {
        return invocation.rawQuery();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        if (query == null) {
            query = parseQuery(invocation.rawQuery());
        }
        return query;
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters().get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public Map<String, List<String>> headers() {
        return invocation.headers();
    }

    @Override
    public Optional<String> header(String name) {
        List<String> values = invocation.headers().get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return invocation.body();
    }

    @Override
    public String bodyAsString() {
        return new String(invocation.body(), charset());
    }

    @Override
    public InputStream bodyStream() {
        return new ByteArrayInputStream(invocation.body());
    }

    @Override
    public String callId() {
        return invocation.callId();
    }

    @Override
    public Optional<Instant> deadline() {
        if (deadline == null) {
            deadline = Optional.ofNullable(call.deadline(clock));
        }
        return deadline;
    }

    @Override
    public FunctionContext context() {
        return context;
    }

    @Override
    public String protocol() {
        return invocation.protocol();
    }

    @Override
    public String remoteAddress() {
        return invocation.remoteAddress();
    }

    private Charset charset() {
        String type = header("Content-Type").orElse("");
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = type.substring(at + "charset=".length()).split(";", 2)[0].strip().replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknownCharset) {
            return StandardCharsets.UTF_8; // an unknown charset must not fail the call; UTF-8 is the web's default
        }
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(parameters);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return text; // keep a malformed %-escape as sent rather than failing the call
        }
    }
}
