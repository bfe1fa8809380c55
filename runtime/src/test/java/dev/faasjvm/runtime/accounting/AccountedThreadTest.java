package dev.faasjvm.runtime.accounting;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A worker's CPU time goes, turn by turn, to the function it works for. */
final class AccountedThreadTest {
    private static final long MS = 1_000_000;

    private final FunctionAccounts accounts = new FunctionAccounts();
    private final FunctionAccount a = accounts.of("a", "test");
    private final FunctionAccount b = accounts.of("b", "test");

    @Test
    void switchTo_splitsTheThreadsCpuTimeBetweenTheFunctionsItWorkedFor() throws InterruptedException {
        assumeTrue(CallMeter.measuresCpu(), "this JVM measures no thread CPU time");
        CountDownLatch burntForA = new CountDownLatch(1);
        CountDownLatch readLive = new CountDownLatch(1);
        AtomicBoolean countedToA = new AtomicBoolean();
        AtomicBoolean countedToBWhileA = new AtomicBoolean(true);
        AccountedThread[] self = new AccountedThread[1];
        self[0] = new AccountedThread(() -> {
            self[0].switchTo(a);
            countedToA.set(AccountedThread.countsTo(a));
            countedToBWhileA.set(AccountedThread.countsTo(b));
            burn(150 * MS);
            burntForA.countDown();
            await(readLive);
            self[0].switchTo(b);
            burn(100 * MS);
        }, "test-worker");

        self[0].start();
        assertTrue(burntForA.await(20, TimeUnit.SECONDS));
        long aLive = a.cpuNanos(); // its turn still runs: read from the thread's clock
        readLive.countDown();
        self[0].join(20_000);

        long aTotal = a.cpuNanos();
        long bTotal = b.cpuNanos();
        assertAll(
                () -> assertTrue(countedToA.get()),
                () -> assertFalse(countedToBWhileA.get()),
                () -> assertTrue(aLive >= 140 * MS, "a's CPU read live " + aLive),
                () -> assertTrue(aTotal >= 140 * MS && aTotal < 140 * MS + 90 * MS, "a's CPU " + aTotal),
                () -> assertTrue(bTotal >= 95 * MS && bTotal < 140 * MS, "b's CPU " + bTotal));
    }

    @Test
    void aThreadOfOneFunction_countsAllItsTimeToIt() throws InterruptedException {
        assumeTrue(CallMeter.measuresCpu(), "this JVM measures no thread CPU time");
        Thread thread = new AccountedThread(a, () -> burn(100 * MS), "test-replica-thread");

        thread.start();
        thread.join(20_000);

        assertTrue(a.cpuNanos() >= 95 * MS, "a's CPU " + a.cpuNanos());
        assertTrue(b.cpuNanos() == 0);
    }

    private static void burn(long cpuNanos) {
        long end = CallMeter.cpuNanos() + cpuNanos;
        long spins = 0;
        while (CallMeter.cpuNanos() < end) {
            spins += Long.numberOfTrailingZeros(spins + 1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
