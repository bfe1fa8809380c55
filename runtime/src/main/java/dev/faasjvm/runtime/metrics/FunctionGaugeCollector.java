package dev.faasjvm.runtime.metrics;

import dev.faasjvm.runtime.backend.FunctionGauges;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The per-function gauges, built from one read of the back-end per scrape: replicas (as the
 * gateway's {@code gateway_service_count}, and desired and available), in-flight calls, stuck
 * workers and leaked loaders. Tells its owner which functions exist, so meters of deleted ones go.
 * Thread-safe.
 */
final class FunctionGaugeCollector implements MultiCollector {
    private final Supplier<List<FunctionGauges>> gauges;
    private final BiConsumer<Set<String>, Long> existing;

    /**
     * @param existing told the {@code name.namespace} of every function that exists, and the
     *     {@link System#nanoTime()} before they were read
     */
    FunctionGaugeCollector(Supplier<List<FunctionGauges>> gauges, BiConsumer<Set<String>, Long> existing) {
        this.gauges = gauges;
        this.existing = existing;
    }

    @Override
    public MetricSnapshots collect() {
        long readAt = System.nanoTime();
        List<FunctionGauges> now = gauges.get();
        Set<String> names = new HashSet<>();
        now.forEach(function -> names.add(qualified(function)));
        existing.accept(names, readAt);
        return MetricSnapshots.of(
                gauge("gateway_service_count", "Desired replicas of the function", now, FunctionGauges::replicas),
                gauge("faasjvm_function_replicas_desired", "Replicas the function should have", now,
                        FunctionGauges::replicas),
                gauge("faasjvm_function_replicas_available", "Replicas that can take a call now", now,
                        FunctionGauges::availableReplicas),
                gauge("faasjvm_function_inflight", "Calls running now", now, FunctionGauges::inFlight),
                gauge("faasjvm_function_stuck_workers", "Worker threads that ignored an interrupt after a timeout",
                        now, FunctionGauges::stuckWorkers),
                gauge("faasjvm_function_leaked_loaders",
                        "Retired class loaders of the function that survived garbage collection", now,
                        FunctionGauges::leakedLoaders));
    }

    private static GaugeSnapshot gauge(String name, String help, List<FunctionGauges> functions,
            ToLongFunction<FunctionGauges> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (FunctionGauges function : functions) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("function_name", qualified(function)))
                    .value(value.applyAsLong(function))
                    .build());
        }
        return gauge.build();
    }

    private static String qualified(FunctionGauges function) {
        return function.name() + "." + function.namespace();
    }
}
