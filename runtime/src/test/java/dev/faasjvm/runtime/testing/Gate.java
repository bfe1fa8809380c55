package dev.faasjvm.runtime.testing;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A handler deployed from the test class path (no JAR) that holds each call until the test opens
 * the gate, so a test can have calls in flight without sleeping. Shares its static state with the
 * test, which only a class-path function can. Reset with {@link #close()} before use.
 */
public final class Gate implements FunctionHandler {
    private static final AtomicReference<CountDownLatch> GATE = new AtomicReference<>(new CountDownLatch(0));
    private static final AtomicReference<CountDownLatch> ENTERED = new AtomicReference<>(new CountDownLatch(0));

    /** Makes the next {@code calls} calls wait until {@link #open()}. */
    public static void close(int calls) {
        GATE.set(new CountDownLatch(1));
        ENTERED.set(new CountDownLatch(calls));
    }

    /** Waits until the calls held by {@link #close(int)} have all arrived. */
    public static void awaitEntered() throws InterruptedException {
        if (!ENTERED.get().await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The held calls did not arrive within 30 s");
        }
    }

    public static void open() {
        GATE.get().countDown();
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) throws InterruptedException {
        ENTERED.get().countDown();
        if (!GATE.get().await(30, TimeUnit.SECONDS)) {
            return FunctionResponse.text(500, "gate never opened");
        }
        return FunctionResponse.ok("passed " + request.bodyAsString());
    }
}
