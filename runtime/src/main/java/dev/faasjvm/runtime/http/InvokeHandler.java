package dev.faasjvm.runtime.http;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /function/{name}[.{namespace}][/{rest}]} (FunctionProxy), any method: reads the body,
 * hands the call to the back-end, and releases the Jetty thread; the response is written when the
 * function's future completes, from the thread that completes it. Sets {@code X-Duration-Seconds}
 * and echoes {@code X-Call-Id}. Thread-safe.
 *
 * <p>Non-blocking, against STYLE.md's rule that handlers calling user code extend the blocking
 * base: this one calls no user code. It parses the path, reads the body asynchronously and hands
 * the call to the back-end, whose replica threads run the function; the answer is written from
 * there without blocking. Running it on Jetty's own thread saves a thread hop per call (see
 * {@link RouteDispatcher}). Anything it calls must therefore never block: a back-end that has to
 * load or wait does so on its own threads and completes the future later.
 */
final class InvokeHandler extends Handler.Abstract.NonBlocking {
    static final String CALL_ID = "X-Call-Id";
    static final String DURATION = "X-Duration-Seconds";
    /** Headers that describe one hop's framing, never copied from a function's response. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization");

    private final ProviderBackend backend;
    private final int maxBodyBytes;

    private final Duration readTimeout;

    InvokeHandler(ProviderBackend backend, int maxBodyBytes) {
        this(backend, maxBodyBytes, Duration.ZERO);
    }

    /** With {@code readTimeout} bounding how long a call's body may take to arrive (none when zero). */
    InvokeHandler(ProviderBackend backend, int maxBodyBytes, Duration readTimeout) {
        this.backend = backend;
        this.maxBodyBytes = maxBodyBytes;
        this.readTimeout = readTimeout;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String callId = callId(request);
        response.getHeaders().put(CALL_ID, callId);
        FunctionPath target;
        try {
            target = FunctionPath.parse(request.getHttpURI().getPath());
        } catch (InvalidRequestException e) {
            ErrorResponses.writeForInvocation(response, callback, e);
            return true;
        }
        if (BodyReads.refuseOverLimit(request, response, callback, maxBodyBytes)) {
            return true;
        }
        BodyReads.read(request, maxBodyBytes, readTimeout, getServer().getScheduler())
                .whenComplete((body, readFailure) -> {
            if (readFailure != null) {
                ErrorResponses.writeForInvocation(response, callback, Exchange.isOverLimit(readFailure)
                        ? new BodyTooLargeException(-1, maxBodyBytes) : readFailure);
                return;
            }
            String query = request.getHttpURI().getQuery();
            ConnectionSink sink = new ConnectionSink(request, response, callback, start);
            Invocation invocation = new Invocation(request.getMethod(), target.rest(), query == null ? "" : query,
                    new HeadersView(request.getHeaders()), body, callId,
                    request.getConnectionMetaData().getProtocol(), Request.getRemoteAddr(request), sink);
            backend.invoke(target.name(), target.namespace(), invocation).whenComplete((answer, failure) -> {
                if (sink.settle() != 0) { // the function streamed: status and headers are sent
                    sink.end(failure, target.name(), callId);
                    return;
                }
                response.getHeaders().put(DURATION, seconds(System.nanoTime() - start));
                if (failure != null) {
                    ErrorResponses.writeForInvocation(response, callback, failure);
                } else {
                    write(request, response, callback, answer);
                }
            });
        });
        return true;
    }

    private static void write(Request request, Response response, Callback callback, FunctionResponse answer) {
        head(request, response, answer.status(), answer.headers());
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /** Sets a function's status and headers on the response, leaving out framing and the runtime's own. */
    static void head(Request request, Response response, int status, Map<String, List<String>> answerHeaders) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        boolean hasContentType = false;
        for (Map.Entry<String, List<String>> header : answerHeaders.entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || lower.equals("x-call-id") || lower.equals("x-duration-seconds")) {
                continue;
            }
            hasContentType |= lower.equals("content-type");
            headers.remove(name);
            for (String value : header.getValue()) {
                headers.add(name, value);
            }
        }
        if (!hasContentType) {
            // faas-provider's proxy: the upstream's type, else the request's, else text/plain.
            String requestType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            headers.put(HttpHeader.CONTENT_TYPE, requestType != null ? requestType : "text/plain");
        }
    }

    private static String callId(Request request) {
        String sent = request.getHeaders().get(CALL_ID);
        return sent == null || sent.isBlank() ? newCallId() : sent;
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: a call id needs to be unique, not
     * unguessable, and {@link UUID#randomUUID()} serialises every call on one SecureRandom.
     */
    static String newCallId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    /**
     * Seconds as a plain decimal ({@code 0.000361}), as the OpenFaaS watchdogs write it, for a
     * non-negative count of nanoseconds. Written by hand into one char array: it is on every call,
     * and the {@code BigDecimal} way of writing it allocated five objects.
     */
    static String seconds(long nanos) {
        long whole = nanos / 1_000_000_000L;
        int fraction = (int) (nanos % 1_000_000_000L);
        if (fraction == 0) {
            return Long.toString(whole);
        }
        int digits = 9;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        char[] text = new char[20 + 1 + digits];
        int end = text.length;
        for (int i = 0; i < digits; i++, fraction /= 10) {
            text[--end] = (char) ('0' + fraction % 10);
        }
        text[--end] = '.';
        do {
            text[--end] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        return new String(text, end, text.length - end);
    }

    /**
     * The function a path names: {@code /function/echo.ns/a/b} is function {@code echo} in
     * namespace {@code ns} with the rest {@code /a/b}; without a {@code .} the namespace is the
     * default one. The name is split on its last dot, as faasd and faas-netes do.
     */
    record FunctionPath(String name, String namespace, String rest) {
        static FunctionPath parse(String path) {
            String afterPrefix = path.length() > Routes.FUNCTION.length() ? path.substring(Routes.FUNCTION.length()) : "";
            int slash = afterPrefix.indexOf('/');
            String qualified = slash < 0 ? afterPrefix : afterPrefix.substring(0, slash);
            String rest = slash < 0 ? "/" : afterPrefix.substring(slash);
            if (qualified.isEmpty()) {
                throw new InvalidRequestException("Provide function name in the request path");
            }
            int dot = qualified.lastIndexOf('.');
            if (dot < 0) {
                return new FunctionPath(qualified, ProviderBackend.DEFAULT_NAMESPACE, rest);
            }
            String namespace = qualified.substring(dot + 1);
            return new FunctionPath(qualified.substring(0, dot),
                    namespace.isEmpty() ? ProviderBackend.DEFAULT_NAMESPACE : namespace, rest);
        }
    }
}
