package dev.faasjvm.runtime.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.accounting.CallMeter;
import dev.faasjvm.runtime.accounting.FunctionAccount;
import dev.faasjvm.runtime.accounting.FunctionAccounts;
import dev.faasjvm.runtime.testing.Awaits;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class WorkersTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Workers workers = new Workers("test-worker-", TimeUnit.MILLISECONDS.toNanos(200));
    private final FunctionAccounts accounts = new FunctionAccounts();
    private final WorkerPool a = pool("a");
    private final WorkerPool b = pool("b");

    @AfterEach
    void shutdown() {
        a.shutdown();
        b.shutdown();
        workers.shutdown();
    }

    private WorkerPool pool(String name) {
        return workers.pool("fn-" + name + "-", accounts.of(name, "test"), () -> { });
    }

    @Test
    void execute_manyQuickTasksOfTwoPools_runsEveryOne() {
        AtomicInteger ran = new AtomicInteger();

        for (int i = 0; i < 100_000; i++) {
            (i % 2 == 0 ? a : b).execute(ran::incrementAndGet);
        }

        Awaits.atMost(WAIT).until(() -> ran.get() == 100_000);
    }

    @Test
    void execute_tasksThatBlock_eachGetsAThread_whicheverPoolTheyAreOf() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allRunning = new CountDownLatch(20);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        for (int i = 0; i < 20; i++) {
            (i % 2 == 0 ? a : b).execute(() -> {
                threads.add(Thread.currentThread());
                allRunning.countDown();
                await(release);
            });
        }

        assertTrue(allRunning.await(20, TimeUnit.SECONDS), "all 20 ran at once, none waited for another");
        release.countDown();
        assertEquals(20, threads.size());
    }

    @Test
    void taskPublishing_countsItsThreadFree_soTheNextTaskOfAnotherPoolTakesTheSameThread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AtomicReference<String> nameAtNext = new AtomicReference<>();
        AtomicInteger threadsAtNext = new AtomicInteger(-1);
        Runnable next = () -> {
            threads.add(Thread.currentThread());
            nameAtNext.set(Thread.currentThread().getName());
            threadsAtNext.set(workers.threads());
        };

        a.execute(new Task() {
            @Override
            public void run() {
                threads.add(Thread.currentThread());
            }

            @Override
            public void publish() {
                b.execute(next); // as a client does that calls another function on hearing the answer
            }
        });

        Awaits.atMost(WAIT).until(() -> threadsAtNext.get() >= 0);
        assertEquals(1, threads.size(), "the warm thread took the next task, of another pool");
        assertEquals(1, threadsAtNext.get(), "no thread was started or woken for it");
        assertEquals("fn-b-1", nameAtNext.get(), "named after the pool it runs now");
    }

    @Test
    void parkedThreads_theLastParkedIsWokenFirst_forAnyPool() {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        a.execute(() -> {
            first.set(Thread.currentThread());
            await(releaseFirst);
        });
        a.execute(() -> {
            second.set(Thread.currentThread());
            await(releaseSecond);
        });
        Awaits.atMost(WAIT).until(() -> first.get() != null && second.get() != null);
        releaseFirst.countDown();
        Awaits.atMost(WAIT).until(() -> isParkedInPool(first.get()));
        releaseSecond.countDown();
        Awaits.atMost(WAIT).until(() -> isParkedInPool(second.get()));
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        b.execute(() -> ranOn.set(Thread.currentThread()));

        Awaits.atMost(WAIT).until(() -> ranOn.get() != null);
        assertEquals(second.get(), ranOn.get(), "the most recently parked, warmest thread");
    }

    private static boolean isParkedInPool(Thread thread) {
        Object blocker = LockSupport.getBlocker(thread);
        return blocker instanceof Carrier;
    }

    @Test
    void idleThreads_retireAfterKeepAlive() {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 5; i++) {
            a.execute(() -> await(release));
        }
        Awaits.atMost(WAIT).until(() -> workers.threads() == 5);

        release.countDown();

        Awaits.atMost(WAIT).until(() -> workers.threads() == 0);
    }

    @Test
    void execute_afterRetiring_startsThreadsAgain() {
        AtomicInteger ran = new AtomicInteger();
        a.execute(ran::incrementAndGet);
        Awaits.atMost(WAIT).until(() -> workers.threads() == 0);

        a.execute(ran::incrementAndGet);

        Awaits.atMost(WAIT).until(() -> ran.get() == 2);
    }

    @Test
    void taskThatThrows_doesNotCostTheThreadItsWork() {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger reported = new AtomicInteger();
        // The thread's own handler (set by the task), so that the escaped exception reaches neither
        // the default handler nor Awaitility's watch for uncaught exceptions.
        a.execute(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((failed, e) -> reported.incrementAndGet());
            throw new IllegalStateException("escaped");
        });
        a.execute(ran::incrementAndGet);

        Awaits.atMost(WAIT).until(() -> ran.get() == 1);
        assertEquals(1, reported.get(), "the escaped exception went to the thread's handler");
    }

    @Test
    void interruptLeftByATask_doesNotReachTheThreadsNextTask() {
        AtomicReference<Thread> interruptedThread = new AtomicReference<>();
        AtomicBoolean nextSawInterrupt = new AtomicBoolean(true);
        AtomicReference<Thread> nextThread = new AtomicReference<>();
        a.execute(new Task() {
            @Override
            public void run() {
                interruptedThread.set(Thread.currentThread());
                Thread.currentThread().interrupt(); // as an exec_timeout's interrupt arriving as the call ends
            }

            @Override
            public void publish() {
                b.execute(() -> {
                    nextThread.set(Thread.currentThread());
                    nextSawInterrupt.set(Thread.currentThread().isInterrupted());
                });
            }
        });

        Awaits.atMost(WAIT).until(() -> nextThread.get() != null);
        assertEquals(interruptedThread.get(), nextThread.get(), "the same thread ran both");
        assertFalse(nextSawInterrupt.get(), "the other pool's task started uninterrupted");
    }

    @Test
    void shutdownOfAPool_endsTheThreadsThatServedIt_andWhatTheyHeldForItGoesWithThem() {
        ThreadLocal<Object> functionsThreadLocal = new ThreadLocal<>();
        List<WeakReference<Object>> leftBehind = new ArrayList<>();
        AtomicReference<Thread> servedA = new AtomicReference<>();
        CountDownLatch releaseB = new CountDownLatch(1);
        AtomicReference<Thread> onlyB = new AtomicReference<>();
        a.execute(() -> {
            Object handler = new Object();
            functionsThreadLocal.set(handler); // as a function that caches its handler per thread, never removed
            synchronized (leftBehind) {
                leftBehind.add(new WeakReference<>(handler));
            }
            servedA.set(Thread.currentThread());
        });
        Awaits.atMost(WAIT).until(() -> servedA.get() != null && isParkedInPool(servedA.get()));
        b.execute(() -> { // takes the warm thread that served a; a second one it starts serves b alone
            b.execute(() -> {
                onlyB.set(Thread.currentThread());
                await(releaseB);
            });
            await(releaseB);
        });
        Awaits.atMost(WAIT).until(() -> onlyB.get() != null);
        assertNotEquals(servedA.get(), onlyB.get());

        a.shutdown();
        releaseB.countDown();

        Awaits.atMost(WAIT).until(() -> a.terminated().isDone());
        assertFalse(servedA.get().isAlive(), "the thread that ran a's task ended");
        Awaits.atMost(WAIT).until(() -> isParkedInPool(onlyB.get()));
        assertTrue(onlyB.get().isAlive(), "a thread that never ran a's tasks lives on");
        Awaits.atMost(WAIT).until(() -> {
            System.gc();
            return leftBehind.get(0).get() == null;
        });
    }

    @Test
    void shutdownOfAPool_runsWhatWasGivenThenRefuses() {
        AtomicInteger ran = new AtomicInteger();
        a.execute(ran::incrementAndGet);

        a.shutdown();

        Awaits.atMost(WAIT).until(() -> ran.get() == 1 && a.terminated().isDone() && a.threads() == 0);
        assertThrows(RejectedExecutionException.class, () -> a.execute(ran::incrementAndGet));
        b.execute(ran::incrementAndGet);
        Awaits.atMost(WAIT).until(() -> ran.get() == 2);
    }

    @Test
    void aThreadRunningAPoolsTask_countsItsCpuTimeToThePoolsFunction_andIsNamedAfterIt() {
        FunctionAccount accountA = accounts.of("a", "test");
        FunctionAccount accountB = accounts.of("b", "test");
        AtomicReference<String> name = new AtomicReference<>();
        AtomicReference<ClassLoader> loader = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(2);
        a.execute(() -> {
            burn(Duration.ofMillis(200));
            done.countDown();
        });
        b.execute(() -> {
            name.set(Thread.currentThread().getName());
            loader.set(Thread.currentThread().getContextClassLoader());
            done.countDown();
        });

        Awaits.atMost(WAIT).until(() -> done.getCount() == 0);
        if (CallMeter.measuresCpu()) {
            long aCpu = accountA.cpuNanos();
            long bCpu = accountB.cpuNanos();
            assertTrue(aCpu >= TimeUnit.MILLISECONDS.toNanos(190), "a's CPU " + aCpu);
            assertTrue(bCpu < TimeUnit.MILLISECONDS.toNanos(100), "b's CPU " + bCpu);
        }
        assertTrue(name.get().startsWith("fn-b-"), name.get());
        assertEquals(Workers.class.getClassLoader(), loader.get(), "no loader inherited from the starting thread");
    }

    @Test
    void shutdownOfTheWorkers_runsWhatWasGivenThenEndsEveryThread() throws InterruptedException {
        AtomicInteger ran = new AtomicInteger();
        a.execute(ran::incrementAndGet);
        b.execute(ran::incrementAndGet);

        workers.shutdown();

        workers.awaitTermination(System.nanoTime() + WAIT.toNanos());
        assertEquals(2, ran.get());
        assertEquals(0, workers.threads());
        assertThrows(RejectedExecutionException.class, () -> a.execute(ran::incrementAndGet));
    }

    private static void burn(Duration cpu) {
        long end = CallMeter.cpuNanos() + cpu.toNanos();
        long start = System.nanoTime();
        while (CallMeter.cpuNanos() < end && System.nanoTime() - start < cpu.toNanos() * 50) {
            Math.sqrt(start++);
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
