package dev.faasjvm.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

final class ReplicaWorkersTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final AtomicInteger created = new AtomicInteger();
    private final ReplicaWorkers workers = new ReplicaWorkers(runnable -> {
        Thread thread = new Thread(runnable, "test-worker-" + created.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }, TimeUnit.MILLISECONDS.toNanos(200));

    @Test
    void execute_manyQuickTasks_runsEveryOne() {
        AtomicInteger ran = new AtomicInteger();

        for (int i = 0; i < 100_000; i++) {
            workers.execute(ran::incrementAndGet);
        }

        Awaits.atMost(WAIT).until(() -> ran.get() == 100_000);
    }

    @Test
    void execute_tasksThatBlock_eachGetsAThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allRunning = new CountDownLatch(20);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        for (int i = 0; i < 20; i++) {
            workers.execute(() -> {
                threads.add(Thread.currentThread().getName());
                allRunning.countDown();
                await(release);
            });
        }

        assertTrue(allRunning.await(20, TimeUnit.SECONDS), "all 20 ran at once, none waited for another");
        release.countDown();
        assertEquals(20, threads.size());
    }

    @Test
    void taskPublishing_countsItsThreadFree_soTheNextTaskTakesTheSameThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger threadsAtNext = new AtomicInteger(-1);
        Runnable next = () -> {
            threads.add(Thread.currentThread().getName());
            threadsAtNext.set(workers.threads());
        };

        workers.execute(new ReplicaWorkers.Task() {
            @Override
            public void run() {
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void publish() {
                workers.execute(next); // as a caller does that sends its next call on hearing the answer
            }
        });

        Awaits.atMost(WAIT).until(() -> threadsAtNext.get() >= 0);
        assertEquals(Set.of("test-worker-1"), threads, "the warm thread took the next task");
        assertEquals(1, threadsAtNext.get(), "no thread was started or woken for it");
    }

    @Test
    void parkedThreads_theLastParkedIsWokenFirst() {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        workers.execute(() -> {
            first.set(Thread.currentThread());
            await(releaseFirst);
        });
        workers.execute(() -> {
            second.set(Thread.currentThread());
            await(releaseSecond);
        });
        Awaits.atMost(WAIT).until(() -> first.get() != null && second.get() != null);
        releaseFirst.countDown();
        Awaits.atMost(WAIT).until(() -> isParkedInPool(first.get()));
        releaseSecond.countDown();
        Awaits.atMost(WAIT).until(() -> isParkedInPool(second.get()));
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        workers.execute(() -> ranOn.set(Thread.currentThread()));

        Awaits.atMost(WAIT).until(() -> ranOn.get() != null);
        assertEquals(second.get(), ranOn.get(), "the most recently parked, warmest thread");
    }

    private static boolean isParkedInPool(Thread thread) {
        Object blocker = LockSupport.getBlocker(thread);
        return blocker != null && blocker.getClass().getName().endsWith("ReplicaWorkers$Worker");
    }

    @Test
    void idleThreads_retireAfterKeepAlive() {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 5; i++) {
            workers.execute(() -> await(release));
        }
        Awaits.atMost(WAIT).until(() -> workers.threads() == 5);

        release.countDown();

        Awaits.atMost(WAIT).until(() -> workers.threads() == 0);
    }

    @Test
    void execute_afterRetiring_startsThreadsAgain() {
        AtomicInteger ran = new AtomicInteger();
        workers.execute(ran::incrementAndGet);
        Awaits.atMost(WAIT).until(() -> workers.threads() == 0);

        workers.execute(ran::incrementAndGet);

        Awaits.atMost(WAIT).until(() -> ran.get() == 2);
    }

    @Test
    void taskThatThrows_doesNotCostTheThreadItsWork() {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger reported = new AtomicInteger();
        // A handler of the thread's own, so that the escaped exception reaches neither the default
        // handler nor Awaitility's watch for uncaught exceptions.
        ReplicaWorkers quiet = new ReplicaWorkers(runnable -> {
            Thread thread = new Thread(runnable, "test-quiet-worker");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((failed, e) -> reported.incrementAndGet());
            return thread;
        }, TimeUnit.SECONDS.toNanos(5));

        quiet.execute(() -> {
            throw new IllegalStateException("escaped");
        });
        quiet.execute(ran::incrementAndGet);

        Awaits.atMost(WAIT).until(() -> ran.get() == 1);
        assertEquals(1, reported.get(), "the escaped exception went to the thread's handler");
        quiet.shutdown();
    }

    @Test
    void shutdown_runsWhatWasGivenThenRefusesAndEnds() {
        AtomicInteger ran = new AtomicInteger();
        workers.execute(ran::incrementAndGet);

        workers.shutdown();

        Awaits.atMost(WAIT).until(() -> ran.get() == 1 && workers.threads() == 0);
        assertThrows(RejectedExecutionException.class, () -> workers.execute(ran::incrementAndGet));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
