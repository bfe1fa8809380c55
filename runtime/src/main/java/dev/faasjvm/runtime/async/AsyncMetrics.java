package dev.faasjvm.runtime.async;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The queue's metrics, read from its per-function state at scrape time (nothing is recorded per
 * call beyond the queue's own counters): depth and oldest age as gauges, and enqueued, completed,
 * retried and dead-lettered totals, labelled {@code function_name} as the gateway's are.
 * Thread-safe.
 */
final class AsyncMetrics implements MultiCollector {
    private final Supplier<List<FunctionQueue>> queues;
    private final Clock clock;

    AsyncMetrics(Supplier<List<FunctionQueue>> queues, Clock clock) {
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        List<FunctionQueue> now = queues.get();
        long millis = clock.millis();
        return MetricSnapshots.of(
                gauge("faasjvm_async_queue_depth", "Asynchronous calls accepted and not finished", now,
                        FunctionQueue::depth),
                gauge("faasjvm_async_oldest_seconds", "Age of the oldest unfinished asynchronous call", now,
                        queue -> queue.oldestMillis() == 0 ? 0 : Math.max(0, millis - queue.oldestMillis()) / 1000.0),
                counter("faasjvm_async_enqueued", "Asynchronous calls accepted", now, queue -> queue.enqueued.sum()),
                counter("faasjvm_async_completed", "Asynchronous calls answered with a status not retried", now,
                        queue -> queue.completed.sum()),
                counter("faasjvm_async_retried", "Attempts of asynchronous calls that were retried", now,
                        queue -> queue.retried.sum()),
                counter("faasjvm_async_dead_lettered", "Asynchronous calls given up as dead letters", now,
                        queue -> queue.deadLettered.sum()));
    }

    private static GaugeSnapshot gauge(String name, String help, List<FunctionQueue> queues,
            ToDoubleFunction<FunctionQueue> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (FunctionQueue queue : queues) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(queue)).value(value.applyAsDouble(queue))
                    .build());
        }
        return gauge.build();
    }

    private static CounterSnapshot counter(String name, String help, List<FunctionQueue> queues,
            ToDoubleFunction<FunctionQueue> value) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        for (FunctionQueue queue : queues) {
            counter.dataPoint(CounterDataPointSnapshot.builder().labels(labels(queue))
                    .value(value.applyAsDouble(queue)).build());
        }
        return counter.build();
    }

    private static Labels labels(FunctionQueue queue) {
        return Labels.of("function_name", queue.name + "." + queue.namespace);
    }
}
