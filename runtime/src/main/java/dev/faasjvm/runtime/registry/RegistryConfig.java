package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.artifact.ArtifactConfig;
import dev.faasjvm.runtime.containment.FunctionEnvironment;
import dev.faasjvm.runtime.wire.ProviderInfo;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the JVM back-end, read once at start.
 *
 * @param concurrency calls one replica runs at once when the function sets no {@code max_inflight}
 * @param drainTimeout how long a retiring generation's calls may run before it closes anyway
 * @param info what {@code GET /system/info} answers
 * @param artifacts how images are fetched and cached
 * @param execTimeout how long a call may run when the function sets no {@code exec_timeout}; zero for no limit
 * @param warmLoaders how many class loaders of functions at zero replicas stay loaded
 * @param warmDuration how long such a class loader stays loaded without being used again
 * @param workerKeepAlive how long an idle replica thread lives before it retires
 * @param functionEnvironment the runtime's environment variables every function's environment starts from
 * @param constructTimeout how long a handler's constructor may run when the function sets no
 *     {@code com.faas-jvm.construct-timeout} annotation
 */
public record RegistryConfig(int concurrency, Duration drainTimeout, ProviderInfo info, ArtifactConfig artifacts,
        Duration execTimeout,
        int warmLoaders, Duration warmDuration, Duration workerKeepAlive, FunctionEnvironment functionEnvironment,
        Duration constructTimeout) {

    /** The default of {@code --construct-timeout}. */
    public static final Duration DEFAULT_CONSTRUCT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Replica threads retire after this long without a call, so an idle function holds none, and
     * thousands of functions called now and then hold about (calls per second x this) threads. A
     * busy function keeps its warm threads (the last parked is woken first); one called less often
     * than this starts a thread per call, some 0.1 ms.
     */
    public static final Duration DEFAULT_WORKER_KEEP_ALIVE = Duration.ofSeconds(2);

    public RegistryConfig {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(execTimeout, "execTimeout");
        Objects.requireNonNull(warmDuration, "warmDuration");
        Objects.requireNonNull(workerKeepAlive, "workerKeepAlive");
        Objects.requireNonNull(functionEnvironment, "functionEnvironment");
        Objects.requireNonNull(constructTimeout, "constructTimeout");
        if (constructTimeout.isZero() || constructTimeout.isNegative()) {
            throw new IllegalArgumentException("constructTimeout must be positive, not " + constructTimeout);
        }
        if (execTimeout.isNegative()) {
            throw new IllegalArgumentException("execTimeout must not be negative, not " + execTimeout);
        }
        if (warmLoaders < 0) {
            throw new IllegalArgumentException("warmLoaders must not be negative, not " + warmLoaders);
        }
        if (workerKeepAlive.isNegative() || workerKeepAlive.isZero()) {
            throw new IllegalArgumentException("workerKeepAlive must be positive, not " + workerKeepAlive);
        }
    }

    /** The settings with the default passthrough variables and construct timeout. */
    public RegistryConfig(int concurrency, Duration drainTimeout, ProviderInfo info, ArtifactConfig artifacts,
            Duration execTimeout, int warmLoaders, Duration warmDuration, Duration workerKeepAlive) {
        this(concurrency, drainTimeout, info, artifacts, execTimeout, warmLoaders, warmDuration, workerKeepAlive,
                FunctionEnvironment.defaults(), DEFAULT_CONSTRUCT_TIMEOUT);
    }
}
