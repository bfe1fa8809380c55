package dev.faasjvm.runtime.async;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class BackoffTest {
    @ParameterizedTest(name = "after {0} attempts: {1} to {2} ms")
    @CsvSource({"1, 50, 100", "2, 100, 200", "3, 200, 400", "10, 500, 1000", "100, 500, 1000"})
    void wait_doublesPerAttempt_withJitterBetweenHalfAndAll_upToTheCap(int attempts, long least, long most) {
        for (int i = 0; i < 200; i++) {
            long millis = Backoff.after(attempts, Duration.ofMillis(100), Duration.ofSeconds(1)).toMillis();

            assertTrue(millis >= least && millis <= most, millis + " ms after " + attempts + " attempts");
        }
    }
}
