package dev.faasjvm.runtime.unload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class FunctionThreadsTest {
    private final ClassLoader function = new URLClassLoader("function:t#1", new URL[0], null);

    @Test
    void stop_threadsWithTheFunctionsContextLoader_interruptsThemAndWaits() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException expected) {
                // ends when interrupted
            }
        }, "function-started");
        worker.setContextClassLoader(function);
        worker.start();
        started.await(10, TimeUnit.SECONDS);

        FunctionThreads.Outcome outcome = FunctionThreads.stop(function, Duration.ofSeconds(10));

        assertEquals(List.of("function-started"), outcome.interrupted());
        assertEquals(List.of(), outcome.survivors());
        assertFalse(worker.isAlive());
    }

    @Test
    void stop_threadIgnoringInterrupts_isASurvivor() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread stubborn = new Thread(() -> awaitIgnoringInterrupts(release), "stubborn");
        stubborn.setContextClassLoader(function);
        stubborn.start();
        try {
            FunctionThreads.Outcome outcome = FunctionThreads.stop(function, Duration.ofMillis(200));

            assertEquals(List.of("stubborn"), outcome.survivors());
        } finally {
            release.countDown();
            stubborn.join(10_000);
        }
    }

    @Test
    void stop_noThreadOfTheFunction_interruptsNothing() {
        FunctionThreads.Outcome outcome = FunctionThreads.stop(function, Duration.ofMillis(10));

        assertEquals(List.of(), outcome.interrupted());
    }

    private static void awaitIgnoringInterrupts(CountDownLatch release) {
        while (true) {
            try {
                release.await();
                return;
            } catch (InterruptedException ignored) {
                // this thread models one that swallows interrupts
            }
        }
    }
}
