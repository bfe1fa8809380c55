package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.GoDuration;
import java.time.Duration;
import java.util.Map;

/**
 * How the runtime runs one deployment, read once from its env vars and labels with the OpenFaaS
 * names: {@code max_inflight} and {@code exec_timeout} (as of-watchdog reads them inside a
 * container), {@code com.openfaas.scale.min}, {@code .max}, {@code .zero} and {@code .zero-duration}.
 * Immutable.
 *
 * @param maxInflight calls one replica runs at once
 * @param execTimeout how long one call may run; zero for no limit
 * @param minReplicas replicas at deploy, and the target of a scale from zero
 * @param maxReplicas the most replicas a scale request may ask for
 * @param scaleToZero whether the function goes to zero replicas when idle
 * @param zeroDuration how long without calls counts as idle
 * @param constructTimeout how long one replica's handler constructor may run (annotation
 *     {@code com.faas-jvm.construct-timeout}, else {@code --construct-timeout})
 */
record FunctionSettings(int maxInflight, Duration execTimeout, int minReplicas, int maxReplicas,
        boolean scaleToZero, Duration zeroDuration, Duration constructTimeout) {

    static final String MAX_INFLIGHT = "max_inflight";
    static final String EXEC_TIMEOUT = "exec_timeout";
    static final String SCALE_MIN = "com.openfaas.scale.min";
    static final String SCALE_MAX = "com.openfaas.scale.max";
    static final String SCALE_ZERO = "com.openfaas.scale.zero";
    static final String SCALE_ZERO_DURATION = "com.openfaas.scale.zero-duration";
    /** faas-jvm's own annotation: this function's construct timeout, a Go duration. */
    static final String CONSTRUCT_TIMEOUT = "com.faas-jvm.construct-timeout";
    /** A ceiling on any scale request, so that a typo cannot start a million handler instances. */
    static final int REPLICA_LIMIT = 1000;
    static final Duration DEFAULT_ZERO_DURATION = Duration.ofMinutes(15);

    /**
     * Reads the settings of a deployment, falling back to the runtime's defaults.
     *
     * @throws InvalidRequestException naming the env var or label whose value is unusable
     */
    static FunctionSettings of(FunctionDeployment deployment, RegistryConfig defaults) {
        Map<String, String> env = deployment.envVars();
        Map<String, String> labels = deployment.labels();
        String name = deployment.service();
        int min = whole(name, "label " + SCALE_MIN, labels.get(SCALE_MIN), 1, 1);
        int max = whole(name, "label " + SCALE_MAX, labels.get(SCALE_MAX), REPLICA_LIMIT, 1);
        if (min > max) {
            throw invalid(name, "label " + SCALE_MIN + " (" + min + ") is above " + SCALE_MAX + " (" + max + ")");
        }
        return new FunctionSettings(
                whole(name, "env var " + MAX_INFLIGHT, env.get(MAX_INFLIGHT), defaults.concurrency(), 1),
                duration(name, "env var " + EXEC_TIMEOUT, env.get(EXEC_TIMEOUT), defaults.execTimeout()),
                min,
                Math.min(max, REPLICA_LIMIT),
                "true".equalsIgnoreCase(String.valueOf(labels.get(SCALE_ZERO)).strip()),
                duration(name, "label " + SCALE_ZERO_DURATION, labels.get(SCALE_ZERO_DURATION),
                        DEFAULT_ZERO_DURATION),
                constructTimeout(name, deployment.annotations().get(CONSTRUCT_TIMEOUT), defaults.constructTimeout()));
    }

    private static Duration constructTimeout(String function, String value, Duration fallback) {
        Duration timeout = duration(function, "annotation " + CONSTRUCT_TIMEOUT, value, fallback);
        if (timeout.isZero()) {
            throw invalid(function, "annotation " + CONSTRUCT_TIMEOUT + " must be a positive duration, not \""
                    + value + "\"");
        }
        return timeout;
    }

    /** The replica count a scale request for {@code requested} gets: clamped to {@code maxReplicas}. */
    int clamp(long requested) {
        return (int) Math.min(requested, maxReplicas);
    }

    /** The replica count a call to a function at zero replicas scales it to. */
    int fromZero() {
        return Math.min(Math.max(1, minReplicas), maxReplicas);
    }

    private static int whole(String function, String what, String value, int fallback, int least) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= least) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the value, the same way as a number that is too small
        }
        throw invalid(function, what + " must be a whole number of at least " + least + ", not \"" + value + "\"");
    }

    private static Duration duration(String function, String what, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(function, what + ": " + e.getMessage());
        }
    }

    private static InvalidRequestException invalid(String function, String problem) {
        return new InvalidRequestException("Invalid deployment of \"" + function + "\": " + problem);
    }
}
