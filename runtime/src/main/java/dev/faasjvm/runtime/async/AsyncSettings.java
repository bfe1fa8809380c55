package dev.faasjvm.runtime.async;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionStatus;
import java.util.Map;
import java.util.Set;

/**
 * How the queue runs one function's calls, read from its deployment with the runtime's settings as
 * defaults: env vars, as {@code max_inflight} and {@code exec_timeout} are (not annotations: the
 * registry keeps the {@code com.faas-jvm.} ones for its own status). Immutable.
 *
 * @param concurrency the most of its calls the queue runs at once
 * @param retryCodes the answers that are retried
 * @param maxAttempts the most times a call runs
 */
record AsyncSettings(int concurrency, Set<Integer> retryCodes, int maxAttempts) {
    static final String CONCURRENCY = "async_concurrency";
    static final String RETRY_CODES = "async_retry_codes";
    static final String MAX_ATTEMPTS = "async_max_attempts";
    static final String MAX_INFLIGHT = "max_inflight";

    /**
     * The settings of a deployed function. The default concurrency is half its capacity (replicas
     * times {@code max_inflight}), at least one call, so that synchronous calls find the other half
     * free; a larger {@code async_concurrency} is cut to the capacity.
     */
    static AsyncSettings of(FunctionStatus status, AsyncConfig defaults) {
        return of(status.name(), status.envVars(), Math.max(1, status.replicas()), defaults);
    }

    /**
     * Checks a deployment's async settings before it is deployed.
     *
     * @throws InvalidRequestException naming the env var whose value is unusable
     */
    static void check(FunctionDeployment deployment, AsyncConfig defaults) {
        of(deployment.service(), deployment.envVars(), 1, defaults);
    }

    private static AsyncSettings of(String function, Map<String, String> env, long replicas, AsyncConfig defaults) {
        int maxInflight = maxInflight(env.get(MAX_INFLIGHT), defaults.maxInflight());
        int capacity = (int) Math.min(Integer.MAX_VALUE, replicas * maxInflight);
        int concurrency = whole(function, CONCURRENCY, env.get(CONCURRENCY),
                Math.max(1, capacity / 2));
        int attempts = whole(function, MAX_ATTEMPTS, env.get(MAX_ATTEMPTS), defaults.maxAttempts());
        String codes = env.get(RETRY_CODES);
        Set<Integer> retryCodes;
        try {
            retryCodes = codes == null || codes.isBlank() ? defaults.retryCodes() : AsyncConfig.parseCodes(codes);
        } catch (IllegalArgumentException e) {
            throw invalid(function, "env var " + RETRY_CODES + ": " + e.getMessage());
        }
        return new AsyncSettings(Math.min(concurrency, capacity), retryCodes, attempts);
    }

    /** The registry checks {@code max_inflight} at deploy; a value it refused never gets here. */
    private static int maxInflight(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Math.max(1, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int whole(String function, String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the value, the same way as a number that is too small
        }
        throw invalid(function, "env var " + name + " must be a whole number of at least 1, not \"" + value + "\"");
    }

    private static InvalidRequestException invalid(String function, String problem) {
        return new InvalidRequestException("Invalid deployment of \"" + function + "\": " + problem);
    }
}
