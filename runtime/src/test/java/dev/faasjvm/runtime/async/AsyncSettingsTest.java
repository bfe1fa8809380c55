package dev.faasjvm.runtime.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class AsyncSettingsTest {
    private static final AsyncConfig DEFAULTS = new AsyncConfig(5, Duration.ofHours(1), Set.of(500, 503),
            Duration.ofSeconds(1), 256);

    private static FunctionStatus status(Map<String, String> env, long replicas) {
        FunctionDeployment spec = new FunctionDeployment("fn", "file:/fn.jar", "", "", env, List.of(), List.of(),
                Map.of(), Map.of(), null, null, false);
        return FunctionStatus.of(spec, replicas, replicas, 0, Instant.EPOCH);
    }

    @ParameterizedTest(name = "max_inflight {0}, {1} replicas, async_concurrency \"{2}\" -> {3}")
    @CsvSource({
        "256, 1, '', 128",
        "1, 1, '', 1",
        "4, 3, '', 6",
        "4, 0, '', 2",
        "4, 1, 3, 3",
        "4, 1, 100, 4"})
    void concurrency_isHalfTheCapacityByDefault_andNeverAboveIt(String maxInflight, long replicas, String asked,
            int expected) {
        Map<String, String> env = asked.isEmpty() ? Map.of("max_inflight", maxInflight)
                : Map.of("max_inflight", maxInflight, "async_concurrency", asked);

        AsyncSettings settings = AsyncSettings.of(status(env, replicas), DEFAULTS);

        assertEquals(expected, settings.concurrency());
    }

    @Test
    void functionSettings_overrideTheRuntimeDefaults() {
        AsyncSettings settings = AsyncSettings.of(status(Map.of("async_max_attempts", "2",
                "async_retry_codes", "409, 504"), 1), DEFAULTS);

        assertEquals(2, settings.maxAttempts());
        assertEquals(Set.of(409, 504), settings.retryCodes());
    }

    @ParameterizedTest
    @CsvSource({"async_max_attempts, 0", "async_concurrency, many", "async_retry_codes, '500,7000'"})
    void badValue_isAnInvalidRequestNamingIt(String name, String value) {
        FunctionDeployment spec = new FunctionDeployment("fn", "file:/fn.jar", "", "", Map.of(name, value),
                List.of(), List.of(), Map.of(), Map.of(), null, null, false);

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> AsyncSettings.check(spec, DEFAULTS));

        assertTrue(refused.getMessage().contains(name) && refused.getMessage().contains("\"fn\""),
                refused.getMessage());
    }
}
