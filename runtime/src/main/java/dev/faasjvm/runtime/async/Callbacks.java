package dev.faasjvm.runtime.async;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts a call's result to its {@code X-Callback-Url} as OpenFaaS's queue-worker does: the
 * function's body and response headers (its content type among them), plus {@code X-Call-Id},
 * {@code X-Function-Name}, {@code X-Function-Status} and {@code X-Duration-Seconds}. A post that
 * fails to connect, or is answered 408, 429 or 5xx, is tried again after a growing wait, a bounded
 * number of times; then it is given up and logged. Thread-safe.
 */
final class Callbacks {
    /** How many times a result is posted at most, and the wait before the second try. */
    static final int ATTEMPTS = 5;
    static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Headers the JDK client sets itself or refuses, and hop-by-hop ones. */
    private static final Set<String> NOT_COPIED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-authenticate", "proxy-authorization",
            "x-call-id", "x-function-name", "x-function-status", "x-duration-seconds");
    private static final System.Logger LOG = System.getLogger(Callbacks.class.getName());

    private final ScheduledExecutorService timers;
    private final Executor executor;
    /** Made at the first callback: a runtime that posts none starts no client thread. */
    private volatile HttpClient client;

    /** Waits on {@code timers}; the HTTP client's work runs on {@code executor}. */
    Callbacks(ScheduledExecutorService timers, Executor executor) {
        this.timers = timers;
        this.executor = executor;
    }

    private HttpClient client() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    made = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(executor)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    client = made;
                }
            }
        }
        return made;
    }

    /**
     * Posts the result, if the call asked for it; the future completes (never exceptionally) once
     * it was delivered or given up.
     */
    CompletableFuture<Void> deliver(AsyncCall call, Outcome outcome) {
        if (call.callbackUrl().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request;
        try {
            request = request(call, outcome);
        } catch (IllegalArgumentException e) { // not an http(s) URL
            LOG.log(Level.WARNING, "Callback of " + call.function() + " call " + call.callId() + " to \""
                    + call.callbackUrl() + "\" not sent: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        post(call, request, 1, delivered);
        return delivered;
    }

    private void post(AsyncCall call, HttpRequest request, int attempt, CompletableFuture<Void> delivered) {
        client().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            boolean again = failure != null || isTransient(response.statusCode());
            if (!again) {
                delivered.complete(null);
                return;
            }
            String problem = failure != null ? String.valueOf(Outcome.unwrap(failure)) : "status "
                    + response.statusCode();
            if (attempt >= ATTEMPTS || timers.isShutdown()) {
                LOG.log(Level.WARNING, "Callback of " + call.function() + " call " + call.callId() + " to "
                        + call.callbackUrl() + " given up after " + attempt + " tries: " + problem);
                delivered.complete(null);
                return;
            }
            long wait = Backoff.after(attempt, FIRST_WAIT, CAP).toNanos();
            try {
                timers.schedule(() -> post(call, request, attempt + 1, delivered), wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                delivered.complete(null); // the runtime is stopping; the call runs again at the next start
            }
        });
    }

    private static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static HttpRequest request(AsyncCall call, Outcome outcome) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.callbackUrl())).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(outcome.body()));
        boolean typed = false;
        for (Map.Entry<String, List<String>> header : outcome.headers().entrySet()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (NOT_COPIED.contains(lower)) {
                continue;
            }
            typed |= lower.equals("content-type");
            for (String value : header.getValue()) {
                try {
                    request.header(header.getKey(), value);
                } catch (IllegalArgumentException e) {
                    // a header the JDK client will not send: the result goes without it
                }
            }
        }
        if (!typed) {
            // as /function/* answers: the function's type, else the request's, else text/plain
            List<String> requestType = call.headers().get("Content-Type");
            request.header("Content-Type", requestType == null || requestType.isEmpty() ? "text/plain"
                    : requestType.get(0));
        }
        return request.header("X-Call-Id", call.callId())
                .header("X-Function-Name", call.function())
                .header("X-Function-Status", Integer.toString(outcome.status()))
                .header("X-Duration-Seconds", BigDecimal.valueOf(outcome.nanos(), 9).stripTrailingZeros()
                        .toPlainString())
                .build();
    }
}
