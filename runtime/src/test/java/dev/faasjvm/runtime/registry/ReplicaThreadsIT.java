package dev.faasjvm.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.artifact.ArtifactConfig;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.logs.FunctionLogs;
import dev.faasjvm.runtime.logs.OutputCapture;
import dev.faasjvm.runtime.namespaces.NamespaceRegistry;
import dev.faasjvm.runtime.secrets.SecretVault;
import dev.faasjvm.runtime.state.DeploymentStore;
import dev.faasjvm.runtime.state.NamespaceStore;
import dev.faasjvm.runtime.state.SecretStore;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.FakeTicker;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.ProviderInfo;
import dev.faasjvm.runtime.wire.VersionInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replica threads on the back-end itself, without HTTP, with a short keep-alive so that their
 * retirement can be observed: an idle function holds no thread. A function that declares it never
 * blocks runs on the caller's thread (here the test's) until a call of it blocks there.
 */
final class ReplicaThreadsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private FunctionRegistry registry;

    @BeforeEach
    void start(@TempDir Path artifacts) {
        registry = new FunctionRegistry(new RegistryConfig(256, Duration.ofSeconds(10),
                new ProviderInfo("faas-jvm", new VersionInfo("", "test", "0"), "jvm"),
                new ArtifactConfig(artifacts, 1 << 20, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Duration.ofSeconds(60), 64, Duration.ofHours(1), Duration.ofMillis(100)), Clock.systemUTC(),
                new FakeTicker(), DeploymentStore.inMemory(), NamespaceRegistry.load(NamespaceStore.ephemeral()),
                SecretVault.load(SecretStore.ephemeral()), new FunctionLogs(100, Clock.systemUTC(), OutputCapture.global()));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void threads_startOnDemandAndRetireWhenIdle() {
        registry.deploy(new FunctionDeployment("sleepy", Samples.jar("sleep").toUri().toString(), "", "", Map.of(),
                List.of(), List.of(), Map.of(), Map.of(), null, null, false));

        List<CompletableFuture<?>> calls = IntStream.range(0, 3)
                .mapToObj(i -> registry.invoke("sleepy", "openfaas-fn", call("ms=1500")))
                .collect(Collectors.toList());

        // Three calls that block need three threads, each started when the others were busy.
        Awaits.atMost(WAIT).until(() -> threads("fn-sleepy-") >= 3);
        calls.forEach(CompletableFuture::join);
        Awaits.atMost(WAIT).until(() -> threads("fn-sleepy-") == 0);
    }

    @Test
    void threads_areNamedAfterFunctionReplicaAndNumber() {
        registry.deploy(new FunctionDeployment("lc", Samples.jar("lifecycle").toUri().toString(), "", "", Map.of(),
                List.of(), List.of(), Map.of(), Map.of(), null, null, false));

        String body = new String(registry.invoke("lc", "openfaas-fn", call("")).join().body(), StandardCharsets.UTF_8);

        assertEquals("replica=lc-1-1 constructed=1 thread=fn-lc-1-1-", body.substring(0, body.lastIndexOf('-') + 1));
    }

    @Test
    void generations_areNumberedPerFunction() {
        registry.deploy(new FunctionDeployment("first", Samples.jar("lifecycle").toUri().toString(), "", "", Map.of(),
                List.of(), List.of(), Map.of(), Map.of(), null, null, false));
        registry.deploy(new FunctionDeployment("second", Samples.jar("lifecycle").toUri().toString(), "", "",
                Map.of(), List.of(), List.of(), Map.of(), Map.of(), null, null, false));
        registry.update(new FunctionDeployment("second", Samples.jar("lifecycle").toUri().toString(), "", "",
                Map.of("v", "2"), List.of(), List.of(), Map.of(), Map.of(), null, null, false));

        String body = new String(registry.invoke("second", "openfaas-fn", call("")).join().body(),
                StandardCharsets.UTF_8);

        assertTrue(body.startsWith("replica=second-2-1 "), "second's own second version, whatever came before: "
                + body);
    }

    @Test
    void neverBlocksFunction_runsOnTheCallersThread() {
        registry.deploy(deployment("direct", "lifecycle", Map.of(DirectMode.ANNOTATION, "true")));
        String first = new String(registry.invoke("direct", "openfaas-fn", call("")).join().body(),
                StandardCharsets.UTF_8);

        CompletableFuture<FunctionResponse> answer = registry.invoke("direct", "openfaas-fn", call(""));

        assertTrue(first.contains(" thread=fn-direct-1-1-"), "the first call loads classes on a replica thread: " + first);
        assertTrue(answer.isDone(), "answered before invoke returned");
        String body = new String(answer.join().body(), StandardCharsets.UTF_8);
        assertTrue(body.endsWith(" thread=" + Thread.currentThread().getName()), body);
    }

    @Test
    void neverBlocksFunction_thatBlocks_isDemotedToItsReplicaThreadsAndLogged() {
        demotion("blocker", "ms=1000", (warning, blocking) -> {
            assertTrue(warning.contains("TIMED_WAITING") && warning.contains("Sleep.handle"), warning);
            CompletableFuture<?> next = registry.invoke("blocker", "openfaas-fn", call("ms=300"));
            assertFalse(next.isDone(), "handed to a replica thread, not run here");
            Awaits.atMost(WAIT).until(() -> threads("fn-blocker-") >= 1);
            next.join();
        });
    }

    @Test
    void neverBlocksFunction_thatKeepsACpuBusyPastTheLimit_isDemoted_namingTheCpuItUsed() {
        demotion("spinner", "ms=2000&ignoreInterrupt=true", (warning, spinning) -> assertTrue(
                warning.contains("RUNNABLE and it kept a CPU busy") && warning.contains("Sleep.handle"), warning));
    }

    @Test
    void neverBlocksFunction_blockedInANativeRead_isDemoted_thoughItsThreadShowsRunnable() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            demotion("reader", "ms=3000&readFrom=127.0.0.1:" + silent.getLocalPort(), (warning, reading) -> assertTrue(
                    warning.contains("RUNNABLE and it used almost no CPU"), warning));
        }
    }

    /**
     * Deploys {@code name} from the sleep sample as never-blocking, warms it up, makes a call with
     * {@code query} and waits for the demotion's warning, which must come while that call still
     * runs (from the watchdog, not when it returns); hands the warning and the call to {@code then},
     * and checks that the function was demoted once.
     */
    private void demotion(String name, String query, BiConsumer<String, CompletableFuture<?>> then) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = capture(warnings);
        Logger.getLogger(Replica.class.getName()).addHandler(capture);
        try {
            registry.deploy(deployment(name, "sleep", Map.of(DirectMode.ANNOTATION, "true")));
            registry.invoke(name, "openfaas-fn", call("ms=0")).join();

            CompletableFuture<?> running = CompletableFuture.supplyAsync(
                    () -> registry.invoke(name, "openfaas-fn", call(query)).join());

            Awaits.atMost(WAIT).until(() -> !warnings.isEmpty());
            assertFalse(running.isDone(), "noticed while the call still runs");
            String warning = warnings.get(0);
            assertTrue(warning.contains("Function " + name + ".openfaas-fn declared that it never blocks"), warning);
            then.accept(warning, running);
            running.join();
            assertEquals(1, warnings.size(), "demoted once");
        } finally {
            Logger.getLogger(Replica.class.getName()).removeHandler(capture);
        }
    }

    private static FunctionDeployment deployment(String name, String sample, Map<String, String> annotations) {
        return new FunctionDeployment(name, Samples.jar(sample).toUri().toString(), "", "", Map.of(), List.of(),
                List.of(), Map.of(), annotations, null, null, false);
    }

    private static Handler capture(List<String> messages) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static Invocation call(String query) {
        return new Invocation("GET", "/", query, Map.of(), new byte[0], "call");
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive()).count();
    }
}
