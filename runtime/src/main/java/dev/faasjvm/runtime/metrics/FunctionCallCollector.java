package dev.faasjvm.runtime.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Consumer;

/**
 * The gateway's call metrics, {@code gateway_function_invocation_total} and
 * {@code gateway_functions_seconds}, labelled {@code function_name="name.namespace"} and
 * {@code code}, read from every function's {@link CallRecorder}s at scrape time. The counter and
 * the histogram's count are one number. Thread-safe.
 */
final class FunctionCallCollector implements MultiCollector {
    private final double[] upperBounds;
    private final Consumer<Consumer<FunctionMeters>> functions;

    /**
     * @param upperBounds the histogram's upper bounds in seconds, without +Inf
     * @param functions calls its argument with every function's meters
     */
    FunctionCallCollector(double[] upperBounds, Consumer<Consumer<FunctionMeters>> functions) {
        this.upperBounds = new double[upperBounds.length + 1];
        System.arraycopy(upperBounds, 0, this.upperBounds, 0, upperBounds.length);
        this.upperBounds[upperBounds.length] = Double.POSITIVE_INFINITY;
        this.functions = functions;
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder invocations = CounterSnapshot.builder().name("gateway_function_invocation")
                .help("Function calls by status code");
        HistogramSnapshot.Builder durations = HistogramSnapshot.builder().name("gateway_functions_seconds")
                .help("Function time taken");
        functions.accept(meters -> meters.forEachCode((code, recorder) -> {
            CallRecorder.Snapshot now = recorder.snapshot();
            Labels labels = Labels.of("function_name", meters.functionName(), "code", Integer.toString(code));
            invocations.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(now.count()).build());
            durations.dataPoint(HistogramDataPointSnapshot.builder().labels(labels).sum(now.sumSeconds())
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, now.counts())).build());
        }));
        return MetricSnapshots.of(invocations.build(), durations.build());
    }
}
