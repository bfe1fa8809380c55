package dev.faasjvm.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replica threads on the back-end itself, without HTTP, with a short keep-alive so that their
 * retirement can be observed: an idle function holds no thread.
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

    private static Invocation call(String query) {
        return new Invocation("GET", "/", query, Map.of(), new byte[0], "call");
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive()).count();
    }
}
