package dev.faasjvm.runtime.async;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime-wide settings of asynchronous calls, read once at start; a function's deployment may
 * override some of them ({@link AsyncSettings}). Immutable.
 *
 * @param maxAttempts how many times a call runs at most before it becomes a dead letter
 * @param maxAge how long after its acceptance a call may still be retried
 * @param retryCodes the function answers that are retried (a timeout is a 504)
 * @param backoff the wait before the first retry; each next one doubles, with jitter
 * @param maxInflight calls a replica runs at once unless the function's {@code max_inflight} says otherwise
 */
public record AsyncConfig(int maxAttempts, Duration maxAge, Set<Integer> retryCodes, Duration backoff,
        int maxInflight) {
    /** faas-jvm's default: 408, 429, 500, 502, 503, 504, the answers that may go away on their own. */
    public static final String DEFAULT_RETRY_CODES = "408,429,500,502,503,504";
    /** The longest wait between two attempts, however many there were. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    public AsyncConfig {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(backoff, "backoff");
        retryCodes = Set.copyOf(Objects.requireNonNull(retryCodes, "retryCodes"));
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Async max attempts must be at least 1, not " + maxAttempts);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("Async max age must be positive, not " + maxAge);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("Async backoff must not be negative, not " + backoff);
        }
        if (maxInflight < 1) {
            throw new IllegalArgumentException("Max in-flight calls must be at least 1, not " + maxInflight);
        }
    }

    /**
     * Reads a list of status codes such as {@code 500,502,503}.
     *
     * @throws IllegalArgumentException naming the value that is not a status code
     */
    public static Set<Integer> parseCodes(String codes) {
        Set<Integer> parsed = new TreeSet<>();
        for (String code : codes.split(",")) {
            String trimmed = code.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                int status = Integer.parseInt(trimmed);
                if (status >= 100 && status <= 599) {
                    parsed.add(status);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below, as a number out of range is
            }
            throw new IllegalArgumentException("\"" + trimmed + "\" in \"" + codes + "\" is not an HTTP status code"
                    + " (100 to 599)");
        }
        return parsed;
    }
}
