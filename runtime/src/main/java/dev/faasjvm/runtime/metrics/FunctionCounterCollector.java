package dev.faasjvm.runtime.metrics;

import dev.faasjvm.runtime.backend.FunctionCounters;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The per-function resource counters, built from one read of the back-end per scrape: CPU
 * seconds and bytes allocated by the function's calls, and its attempts to end the JVM. Labelled
 * {@code function_name="name.namespace"} as the gateway's metrics are. Thread-safe.
 */
final class FunctionCounterCollector implements MultiCollector {
    private final Supplier<List<FunctionCounters>> counters;

    FunctionCounterCollector(Supplier<List<FunctionCounters>> counters) {
        this.counters = counters;
    }

    @Override
    public MetricSnapshots collect() {
        List<FunctionCounters> now = counters.get();
        return MetricSnapshots.of(
                counter("faasjvm_function_cpu_seconds", "CPU time the function's calls used, on the threads that ran"
                        + " them", now, FunctionCounters::cpuSeconds),
                counter("faasjvm_function_allocated_bytes", "Heap bytes the function's calls allocated, on the"
                        + " threads that ran them", now, FunctionCounters::allocatedBytes),
                counter("faasjvm_function_exit_attempts", "Calls of System.exit, Runtime.exit or Runtime.halt by the"
                        + " function, which the runtime turned into exceptions", now, FunctionCounters::exitAttempts));
    }

    private static CounterSnapshot counter(String name, String help, List<FunctionCounters> functions,
            ToDoubleFunction<FunctionCounters> value) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        for (FunctionCounters function : functions) {
            counter.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(Labels.of("function_name", function.name() + "." + function.namespace()))
                    .value(value.applyAsDouble(function))
                    .build());
        }
        return counter.build();
    }
}
