package dev.faasjvm.runtime.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Awaitility with the project's defaults; every wait still states its own {@code atMost}. */
public final class Awaits {
    private Awaits() {
    }

    /** A wait polling every 10 ms that fails after {@code atMost}. */
    public static ConditionFactory atMost(Duration atMost) {
        return Awaitility.await().pollInterval(Duration.ofMillis(10)).pollDelay(Duration.ZERO).atMost(atMost);
    }
}
