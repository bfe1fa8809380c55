package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.testing.ForkedRuntime;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forks the runtime as its own JVM, drives a random mix of deploys, updates, deletes, scales and
 * refused changes from several clients at once, and kills it with SIGKILL at random moments (some while it
 * is still restoring), then restarts it and checks that every acknowledged change is there, that an
 * unacknowledged one is either wholly there or wholly absent, and that every function answers as
 * its last spec says. Seeded: a failure prints the seed; {@code -Dfaasjvm.crash.seed=N} replays
 * the same operations and kill delays (thread interleaving still varies), and
 * {@code -Dfaasjvm.crash.rounds=N} changes the number of rounds.
 */
final class CrashRestartIT {
    private static final long SEED = Long.getLong("faasjvm.crash.seed", new SecureRandom().nextLong());
    private static final int ROUNDS = Integer.getInteger("faasjvm.crash.rounds", 50);
    private static final int CLIENTS = 3;
    private static final int FUNCTIONS_PER_CLIENT = 3;
    private static final String HANDLER = "dev.faasjvm.samples.inspect.Inspect";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Spec> acknowledged = new ConcurrentHashMap<>();
    /** The target of a change whose answer never came (empty: a delete); at most one per function. */
    private final Map<String, Optional<Spec>> unacknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledgedCount = new AtomicInteger();

    @TempDir
    Path work;

    /**
     * What the test knows of a function: its version (env var {@code v}), its
     * {@code com.openfaas.scale.min}, its desired replicas (the minimum at deploy, kept by an update
     * if higher, set by a scale) and how it names its handler.
     */
    private record Spec(int version, int minReplicas, int replicas, boolean scanned) {
        String json(String name) {
            return "{\"service\":\"" + name + "\",\"image\":\"" + Samples.jar("inspect").toUri() + "\","
                    + (scanned ? "" : "\"envProcess\":\"" + HANDLER + "\",")
                    + "\"envVars\":{\"v\":\"" + version + "\"},"
                    + "\"labels\":{\"com.openfaas.scale.min\":\"" + minReplicas + "\"}}";
        }

        Spec scaledTo(int count) {
            return new Spec(version, minReplicas, count, scanned);
        }

        static Spec of(FunctionStatus status) {
            return new Spec(Integer.parseInt(status.envVars().getOrDefault("v", "-1")),
                    Integer.parseInt(status.labels().getOrDefault("com.openfaas.scale.min", "-1")),
                    (int) status.replicas(), status.envProcess().isEmpty());
        }
    }

    @Test
    void sigkillAtRandomMoments_losesNoAcknowledgedChange_andShowsNoHalfChange() throws Exception {
        Random random = new Random(SEED);
        Path stateDir = work.resolve("state");
        Path stderr = work.resolve("runtime-stderr.log");
        long started = System.nanoTime();
        int round = 0;
        int killedWhileStarting = 0;
        try {
            for (round = 1; round <= ROUNDS; round++) {
                if (random.nextInt(5) == 0) {
                    killWhileStarting(stateDir, stderr, random.nextInt(600));
                    killedWhileStarting++;
                    continue;
                }
                ForkedRuntime runtime = ForkedRuntime.start(stateDir, stderr);
                checkAgainstModel(runtime);
                changeUntilKilled(runtime, random.nextLong(), 20 + random.nextInt(500));
            }
            ForkedRuntime last = ForkedRuntime.start(stateDir, stderr);
            checkAgainstModel(last);
            assertEquals(0, last.terminate(60, TimeUnit.SECONDS), "exit code after SIGTERM");
        } catch (Throwable e) {
            throw new AssertionError("Crash test failed in round " + round + " of " + ROUNDS + " with seed " + SEED
                    + " (replay: -Dfaasjvm.crash.seed=" + SEED + "): " + e.getMessage(), e);
        }
        System.out.printf("Crash test: seed %d, %d SIGKILL rounds (%d while starting), %d changes acknowledged,"
                + " %.1f s%n", SEED, ROUNDS, killedWhileStarting, acknowledgedCount.get(),
                (System.nanoTime() - started) / 1e9);
    }

    private static void killWhileStarting(Path stateDir, Path stderr, long delayMillis) throws Exception {
        Process process = ForkedRuntime.spawn(stateDir, stderr);
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS))
                .join();
        ForkedRuntime.killAndWait(process);
    }

    /** Runs the clients until the runtime is killed after {@code killAfterMillis}, then waits for them. */
    private void changeUntilKilled(ForkedRuntime runtime, long seed, long killAfterMillis) throws Exception {
        Random seeds = new Random(seed);
        AtomicBoolean killed = new AtomicBoolean();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < FUNCTIONS_PER_CLIENT; i++) {
                names.add("fn-" + client + "-" + i);
            }
            Client driver = new Client(runtime, names, new Random(seeds.nextLong()), killed);
            clients.add(CompletableFuture.runAsync(driver::run));
        }
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(killAfterMillis,
                TimeUnit.MILLISECONDS)).join();
        killed.set(true);
        runtime.kill();
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    /** One client: changes its own functions one at a time, so each has at most one change in flight. */
    private final class Client {
        private final ForkedRuntime runtime;
        private final List<String> names;
        private final Random random;
        private final AtomicBoolean killed;

        Client(ForkedRuntime runtime, List<String> names, Random random, AtomicBoolean killed) {
            this.runtime = runtime;
            this.names = names;
            this.random = random;
            this.killed = killed;
        }

        void run() {
            try {
                while (!killed.get()) {
                    change(names.get(random.nextInt(names.size())));
                }
            } catch (IOException e) {
                if (!killed.get()) {
                    throw new AssertionError("The runtime failed a call before it was killed: " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void change(String name) throws IOException, InterruptedException {
            Spec current = acknowledged.get(name);
            int dice = random.nextInt(12);
            int min = 1 + random.nextInt(2);
            Spec next = new Spec(random.nextInt(1_000_000), min, min, random.nextBoolean());
            if (current == null && dice == 0) {
                expect(400, send("POST", "/system/functions", Samples.deployment(name, "broken")), name);
            } else if (current == null) {
                attempt(name, Optional.of(next), "POST", "/system/functions", next.json(name));
            } else if (dice < 5) {
                // An update keeps the replicas the function was scaled to, if more than its new minimum.
                Spec updated = next.scaledTo(Math.max(min, current.replicas()));
                attempt(name, Optional.of(updated), "PUT", "/system/functions", next.json(name));
            } else if (dice >= 10) {
                // Not to zero: a call would scale it back up, which is not stored, and the model would drift.
                int count = 1 + random.nextInt(3);
                attempt(name, Optional.of(current.scaledTo(count)), "POST", "/system/scale-function/" + name,
                        "{\"serviceName\":\"" + name + "\",\"replicas\":" + count + "}");
            } else if (dice < 7) {
                attempt(name, Optional.empty(), "DELETE", "/system/functions", "{\"functionName\":\"" + name + "\"}");
            } else if (dice == 7) {
                expect(400, send("PUT", "/system/functions", Samples.deployment(name, "nohandler")), name);
            } else {
                expect(409, send("POST", "/system/functions", next.json(name)), name);
            }
        }

        /** A change that should be acknowledged: until its answer comes, either outcome is allowed. */
        private void attempt(String name, Optional<Spec> target, String method, String path, String body)
                throws IOException, InterruptedException {
            unacknowledged.put(name, target);
            expect(202, send(method, path, body), name);
            target.ifPresentOrElse(spec -> acknowledged.put(name, spec), () -> acknowledged.remove(name));
            unacknowledged.remove(name);
            acknowledgedCount.incrementAndGet();
        }

        private void expect(int status, HttpResponse<String> response, String name) {
            if (response.statusCode() != status) {
                throw new AssertionError(response.request().method() + " of " + name + " answered "
                        + response.statusCode() + " instead of " + status + ": " + response.body());
            }
        }

        private HttpResponse<String> send(String method, String path, String body)
                throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(runtime.uri(path)).timeout(REQUEST_TIMEOUT)
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * Compares what the restarted runtime lists with what was acknowledged, accepts an
     * unacknowledged change only as a whole, calls every function, then takes what it found as
     * the new truth.
     */
    private void checkAgainstModel(ForkedRuntime runtime) throws IOException, InterruptedException {
        HttpResponse<String> listing = get(runtime.uri("/system/functions"));
        assertEquals(200, listing.statusCode(), listing.body());
        Map<String, FunctionStatus> found = new HashMap<>();
        for (FunctionStatus status : Json.read(listing.body().getBytes(StandardCharsets.UTF_8),
                FunctionStatus[].class)) {
            found.put(status.name(), status);
        }
        Map<String, Spec> expected = new HashMap<>(acknowledged);
        for (String name : union(found.keySet(), expected.keySet(), unacknowledged.keySet())) {
            Optional<Spec> actual = Optional.ofNullable(found.get(name)).map(Spec::of);
            Optional<Spec> acked = Optional.ofNullable(expected.get(name));
            Optional<Spec> pending = unacknowledged.get(name);
            if (!actual.equals(acked) && (pending == null || !actual.equals(pending))) {
                throw new AssertionError("Function " + name + " is " + actual.map(Spec::toString).orElse("absent")
                        + " after the restart; acknowledged: " + acked.map(Spec::toString).orElse("absent")
                        + (pending == null ? "" : ", or if the unacknowledged change went through: "
                                + pending.map(Spec::toString).orElse("absent")));
            }
            if (actual.isPresent()) {
                checkServes(runtime, found.get(name), actual.get());
                acknowledged.put(name, actual.get());
            } else {
                acknowledged.remove(name);
            }
        }
        unacknowledged.clear();
    }

    private void checkServes(ForkedRuntime runtime, FunctionStatus status, Spec spec)
            throws IOException, InterruptedException {
        assertEquals(spec.replicas(), status.replicas(), status.name() + " replicas");
        assertEquals(spec.replicas(), status.availableReplicas(), status.name() + " available replicas");
        HttpResponse<String> answer = get(runtime.uri("/function/" + status.name()));
        assertEquals(200, answer.statusCode(), status.name() + " answers: " + answer.body());
        String version = "\"env\":{\"v\":\"" + spec.version() + "\"}";
        if (!answer.body().contains(version)) {
            throw new AssertionError(status.name() + " serves another version than it lists (" + version + "): "
                    + answer.body());
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SafeVarargs
    private static List<String> union(java.util.Set<String>... sets) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        for (java.util.Set<String> set : sets) {
            all.addAll(set);
        }
        return List.copyOf(all);
    }
}
