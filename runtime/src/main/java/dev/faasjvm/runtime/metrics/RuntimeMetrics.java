package dev.faasjvm.runtime.metrics;

import dev.faasjvm.runtime.backend.FunctionCounters;
import dev.faasjvm.runtime.backend.FunctionGauges;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every metric of one runtime, in a Prometheus registry of its own (so two runtimes in one JVM,
 * as in a test suite, never share counts). Function calls are recorded through
 * {@link FunctionMeters}; function gauges come from the back-end when scraped; {@code /system/*}
 * requests through {@link #recordSystemRequest}. Thread-safe.
 */
public final class RuntimeMetrics {
    /** Go's default buckets (the gateway's) below 10 s, plus sub-millisecond ones for in-JVM calls. */
    private static final double[] SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
        0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "CONNECT", "TRACE");

    private static final long[] SECONDS_AS_NANOS = CallRecorder.toNanos(SECONDS);
    final Counter rejected = Counter.builder().name("faasjvm_function_rejected_total")
            .help("Calls refused with 429 because every replica was at its concurrency limit")
            .labelNames("function_name").withoutExemplars().build();
    final Counter timeouts = Counter.builder().name("faasjvm_function_timeouts_total")
            .help("Calls answered 504 because the function ran past its timeout")
            .labelNames("function_name").withoutExemplars().build();
    final Counter aborted = Counter.builder().name("faasjvm_function_aborted_total")
            .help("Streamed responses cut off because the function failed or timed out after their status was sent")
            .labelNames("function_name").withoutExemplars().build();
    private final Counter systemRequests = Counter.builder().name("provider_http_requests_total")
            .help("Requests to /system/* by status code, method and path")
            .labelNames("code", "method", "path").withoutExemplars().build();
    private final Histogram systemDurations = Histogram.builder().name("provider_http_request_duration_seconds")
            .help("Seconds spent serving /system/* requests").labelNames("code", "method", "path").classicOnly()
            .classicUpperBounds(SECONDS).withoutExemplars().build();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private volatile boolean jvmRegistered;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    /** namespace, then name: two lookups on strings whose hashes are cached, and no key object per call. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, FunctionMeters>> functions =
            new ConcurrentHashMap<>();

    private RuntimeMetrics(Supplier<List<FunctionGauges>> gauges, Supplier<List<FunctionCounters>> counters) {
        registry.register(new FunctionCallCollector(SECONDS, each -> functions.values()
                .forEach(byName -> byName.values().forEach(each))));
        registry.register(rejected);
        registry.register(timeouts);
        registry.register(aborted);
        registry.register(new FunctionGaugeCollector(gauges, this::retainOnly));
        registry.register(new FunctionCounterCollector(counters));
        registry.register(systemRequests);
        registry.register(systemDurations);
    }

    /**
     * Creates the metrics of one runtime.
     *
     * @param gauges what every function is doing now; called once per scrape
     */
    public static RuntimeMetrics create(Supplier<List<FunctionGauges>> gauges) {
        return create(gauges, List::of);
    }

    /**
     * Creates the metrics of one runtime whose functions' resource use is also counted.
     *
     * @param gauges what every function is doing now; called once per scrape
     * @param counters what every function has used so far; called once per scrape
     */
    public static RuntimeMetrics create(Supplier<List<FunctionGauges>> gauges,
            Supplier<List<FunctionCounters>> counters) {
        return new RuntimeMetrics(Objects.requireNonNull(gauges, "gauges"), Objects.requireNonNull(counters,
                "counters"));
    }

    /** The meters of a function, or {@code null} if none were made for it yet. */
    public FunctionMeters find(String name, String namespace) {
        ConcurrentHashMap<String, FunctionMeters> inNamespace = functions.get(namespace);
        return inNamespace == null ? null : inNamespace.get(name);
    }

    /** The meters of a function, made now if there are none; call it only for a function that exists. */
    public FunctionMeters of(String name, String namespace) {
        return functions.computeIfAbsent(namespace, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, ignored -> new FunctionMeters(this, name + "." + namespace));
    }

    /** A recorder of one function's calls of one status code, in {@code gateway_functions_seconds}'s buckets. */
    CallRecorder newCallRecorder() {
        return new CallRecorder(SECONDS, SECONDS_AS_NANOS);
    }

    /** Drops a function's meters and series, so a function deployed again under its name starts at 0. */
    public void forget(String name, String namespace) {
        ConcurrentHashMap<String, FunctionMeters> inNamespace = functions.get(namespace);
        FunctionMeters removed = inNamespace == null ? null : inNamespace.remove(name);
        if (removed != null) {
            removed.remove();
        }
    }

    /**
     * Records one {@code /system/*} request, as faas-provider does.
     *
     * @param path the route, with any function name collapsed ({@code /system/function})
     */
    public void recordSystemRequest(int code, String method, String path, long nanos) {
        String methodLabel = METHODS.contains(method) ? method : "other";
        String codeLabel = Integer.toString(code);
        systemRequests.labelValues(codeLabel, methodLabel, path).inc();
        systemDurations.labelValues(codeLabel, methodLabel, path).observe(nanos / 1e9);
    }

    /** Adds metrics read at scrape time by another part of the runtime (the async queue's). */
    public void register(io.prometheus.metrics.model.registry.MultiCollector collector) {
        registry.register(collector);
    }

    /** The media type of {@link #writeTo}: Prometheus text format 0.0.4. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Writes every metric, now, in Prometheus text format. */
    public void writeTo(OutputStream out) throws IOException {
        registerJvmMetrics();
        writer.write(out, registry.scrape());
    }

    /**
     * The JVM collectors load about 30 ms of classes; a runtime that starts in a few hundred
     * milliseconds registers them at its first scrape instead of at start.
     */
    private void registerJvmMetrics() {
        if (jvmRegistered) {
            return;
        }
        synchronized (this) {
            if (!jvmRegistered) {
                JvmMemoryMetrics.builder().register(registry);
                JvmThreadsMetrics.builder().register(registry);
                JvmClassLoadingMetrics.builder().register(registry);
                JvmGarbageCollectorMetrics.builder().register(registry);
                jvmRegistered = true;
            }
        }
    }

    /**
     * Forgets functions that no longer exist (deleted while a call was still finishing), except
     * meters made after the list of functions was read, whose function may be newer than the list.
     */
    private void retainOnly(Set<String> qualifiedNames, long readAt) {
        functions.forEach((namespace, byName) -> byName.forEach((name, meters) -> {
            if (!qualifiedNames.contains(meters.functionName()) && meters.createdNanos() - readAt < 0) {
                forget(name, namespace);
            }
        }));
    }
}
