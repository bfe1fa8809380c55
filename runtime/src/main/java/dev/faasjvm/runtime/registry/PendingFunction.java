package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.NoReplicaAvailableException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.wire.GoDuration;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A stored function that the background restore has not reached or finished yet: it is listed
 * (with no replica available), and a call to it waits until it is restored, for at most its
 * {@code exec_timeout}, or is answered 503 (with {@code Retry-After}) when it has none. Thread-safe.
 */
final class PendingFunction {
    private final StoredDeployment stored;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    PendingFunction(StoredDeployment stored) {
        this.stored = stored;
    }

    /** The key a stored deployment is restored under, if its name is usable at all. */
    static Optional<FunctionKey> keyOf(StoredDeployment stored) {
        String name = stored.spec().service();
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        String namespace = stored.spec().namespace();
        return Optional.of(new FunctionKey(name, namespace == null || namespace.isEmpty()
                ? ProviderBackend.DEFAULT_NAMESPACE : namespace));
    }

    StoredDeployment stored() {
        return stored;
    }

    /** The restore of this function ended, restored or not: waiting calls look it up again. */
    void finish() {
        done.complete(null);
    }

    /** The restore ended without reaching this function. */
    void abandon() {
        done.complete(null);
    }

    /**
     * Runs {@code call} once the function is restored, or fails with a 503 once its exec_timeout
     * ({@code defaultTimeout} when it sets none) has passed; at once when it has no time limit.
     */
    CompletableFuture<FunctionResponse> whenRestored(Supplier<CompletableFuture<FunctionResponse>> call,
            Duration defaultTimeout) {
        Duration limit = execTimeout(defaultTimeout);
        if (limit.isZero()) {
            return CompletableFuture.failedFuture(notReady("it has no exec_timeout to wait within"));
        }
        return done.copy().orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS)
                .handle((ignored, failure) -> failure)
                .thenCompose(failure -> failure == null ? call.get() : CompletableFuture.failedFuture(
                        notReady("it was not restored within its exec_timeout of " + GoDuration.format(limit))));
    }

    private Duration execTimeout(Duration fallback) {
        String value = stored.spec().envVars().get(FunctionSettings.EXEC_TIMEOUT);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            return fallback; // the restore reports the bad value; the call need not
        }
    }

    private NoReplicaAvailableException notReady(String why) {
        return new NoReplicaAvailableException("Function \"" + stored.spec().service() + "\" is still being"
                + " restored after the runtime started, and " + why + "; try again shortly (GET /healthz?ready=1"
                + " answers 200 once every stored function is restored)");
    }
}
