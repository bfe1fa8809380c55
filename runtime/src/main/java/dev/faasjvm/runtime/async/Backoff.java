package dev.faasjvm.runtime.async;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the wait before attempt {@code n + 1} is drawn between half and
 * all of {@code first * 2^(n-1)}, capped. The jitter keeps calls that failed together from coming
 * back together. Stateless.
 */
final class Backoff {
    private Backoff() {
    }

    /** The wait after {@code attempts} failed attempts (1 or more). */
    static Duration after(int attempts, Duration first, Duration cap) {
        long base = first.toNanos();
        long ceiling = cap.toNanos();
        long delay = base;
        for (int i = 1; i < attempts && delay < ceiling; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, ceiling);
        long half = delay / 2;
        return Duration.ofNanos(half + (delay - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(delay - half + 1)));
    }
}
