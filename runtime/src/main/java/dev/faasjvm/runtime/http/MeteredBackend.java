package dev.faasjvm.runtime.http;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.CapacityExceededException;
import dev.faasjvm.runtime.backend.ForwardingBackend;
import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.InvocationTimeoutException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.metrics.FunctionMeters;
import dev.faasjvm.runtime.metrics.RuntimeMetrics;
import dev.faasjvm.runtime.wire.FunctionStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A back-end that records every call of the one it wraps: status code (as HTTP would answer it,
 * through {@link ErrorResponses}), duration, 429s and timeouts; and fills {@code invocationCount}
 * in function status from those same counters. A streamed response counts with the status it sent,
 * and as aborted when the call failed after sending it. Calls made without HTTP (the embedding API) pass
 * here too. A call to an unknown function is not recorded, so clients cannot make series up.
 * Thread-safe.
 */
public final class MeteredBackend extends ForwardingBackend {
    private final RuntimeMetrics metrics;

    private MeteredBackend(ProviderBackend delegate, RuntimeMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    /** Wraps {@code backend} so that its calls are recorded in {@code metrics}. */
    public static ProviderBackend of(ProviderBackend backend, RuntimeMetrics metrics) {
        return new MeteredBackend(backend, metrics);
    }

    @Override
    public List<FunctionStatus> list(String namespace) {
        return delegate().list(namespace).stream().map(this::withInvocationCount).toList();
    }

    @Override
    public void delete(String name, String namespace) {
        delegate().delete(name, namespace);
        metrics.forget(name, namespace);
    }

    @Override
    public Optional<FunctionStatus> status(String name, String namespace) {
        return delegate().status(name, namespace).map(this::withInvocationCount);
    }

    /**
     * Records the call before the returned future completes, so that a caller who has its answer
     * finds the call counted.
     */
    @Override
    public CompletableFuture<FunctionResponse> invoke(String name, String namespace, Invocation invocation) {
        long start = System.nanoTime();
        FunctionMeters known = metrics.find(name, namespace);
        return delegate().invoke(name, namespace, invocation).whenComplete((response, failure) -> {
            long nanos = System.nanoTime() - start;
            int streamed = invocation.sink().settle();
            if (streamed != 0) { // the caller got this status, and a cut-off body if the call failed after
                FunctionMeters meters = meters(known, name, namespace);
                meters.record(streamed, nanos);
                if (failure != null) {
                    meters.aborted();
                }
                return;
            }
            if (failure == null) {
                meters(known, name, namespace).record(response.status(), nanos);
                return;
            }
            Throwable cause = ErrorResponses.unwrap(failure);
            if (cause instanceof FunctionNotFoundException) {
                return;
            }
            FunctionMeters meters = meters(known, name, namespace);
            meters.record(ErrorResponses.statusOf(cause), nanos);
            if (cause instanceof CapacityExceededException) {
                meters.rejected();
            } else if (cause instanceof InvocationTimeoutException) {
                meters.timedOut();
            }
        });
    }

    private FunctionMeters meters(FunctionMeters known, String name, String namespace) {
        return known != null ? known : metrics.of(name, namespace);
    }

    private FunctionStatus withInvocationCount(FunctionStatus status) {
        FunctionMeters meters = metrics.find(status.name(), status.namespace());
        return meters == null ? status : status.withInvocationCount(meters.invocations());
    }
}
