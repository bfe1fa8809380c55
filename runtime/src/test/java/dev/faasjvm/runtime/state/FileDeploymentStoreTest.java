package dev.faasjvm.runtime.state;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.StateProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FileDeploymentStoreTest {
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @TempDir
    Path stateDir;

    @Test
    void save_thenLoad_returnsSpecReplicasAndCreationTime() throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        StoredDeployment echo = stored("echo", 3, Map.of("v", "1"));

        store.save(echo);

        StoredDeployments loaded = FileDeploymentStore.in(stateDir).load();
        assertEquals(List.of(echo), loaded.deployments());
        assertEquals(List.of(), loaded.problems());
    }

    @Test
    void save_thenLoad_keepsTheArtifactHash() throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        StoredDeployment remote = stored("remote", 1, Map.of());

        store.save(remote);

        assertEquals("ab".repeat(32), store.load().deployments().get(0).artifactSha256());
    }

    @Test
    void save_writesOneFilePerFunctionUnderItsNamespace() throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);

        store.save(stored("echo", 1, Map.of()));

        assertTrue(Files.isRegularFile(stateDir.resolve("deployments/openfaas-fn/echo.json")));
        assertEquals("deployments/openfaas-fn/echo.json", store.entryName("echo", "openfaas-fn"));
    }

    @Test
    void save_sameFunctionTwice_keepsOnlyTheLast() throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);

        store.save(stored("echo", 1, Map.of("v", "1")));
        store.save(stored("echo", 2, Map.of("v", "2")));

        assertEquals(List.of(stored("echo", 2, Map.of("v", "2"))), store.load().deployments());
    }

    @Test
    void remove_forgetsTheFunction_andMissingOneIsNoError() throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        store.save(stored("echo", 1, Map.of()));

        store.remove("echo", "openfaas-fn");
        store.remove("never-saved", "openfaas-fn");

        assertEquals(List.of(), store.load().deployments());
    }

    @Test
    void load_emptyStateDirectory_hasNothing() {
        StoredDeployments loaded = FileDeploymentStore.in(stateDir.resolve("not-yet")).load();

        assertEquals(List.of(), loaded.deployments());
        assertEquals(List.of(), loaded.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"format\":1,\"spec\":{\"serv", "not json", "[]",
            "{\"format\":2,\"spec\":{\"service\":\"bad\",\"image\":\"/x.jar\",\"namespace\":\"openfaas-fn\"},"
                    + "\"replicas\":1,\"createdAt\":\"2026-01-02T03:04:05Z\"}",
            "{\"format\":1,\"replicas\":1,\"createdAt\":\"2026-01-02T03:04:05Z\"}",
            "{\"format\":1,\"spec\":{\"service\":\"other\",\"image\":\"/x.jar\",\"namespace\":\"openfaas-fn\"},"
                    + "\"replicas\":1,\"createdAt\":\"2026-01-02T03:04:05Z\"}",
            "{\"format\":1,\"spec\":{\"service\":\"bad\",\"image\":\"/x.jar\",\"namespace\":\"openfaas-fn\"},"
                    + "\"replicas\":-1,\"createdAt\":\"2026-01-02T03:04:05Z\"}"})
    void load_corruptEntry_isReportedByNameAndTheRestLoad(String content) throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        store.save(stored("echo", 1, Map.of()));
        Path bad = stateDir.resolve("deployments/openfaas-fn/bad.json");
        Files.writeString(bad, content);

        StoredDeployments loaded = FileDeploymentStore.in(stateDir).load();

        assertAll(
                () -> assertEquals(List.of(stored("echo", 1, Map.of())), loaded.deployments()),
                () -> assertEquals(1, loaded.problems().size(), loaded.problems().toString()),
                () -> assertEquals("deployments/openfaas-fn/bad.json", loaded.problems().get(0).entry()),
                () -> assertFalse(loaded.problems().get(0).reason().isBlank()),
                () -> assertEquals(content, Files.readString(bad), "the entry is left as it was"));
    }

    @Test
    void save_overAnEntryThatCouldNotBeRead_keepsTheOldFileAside() throws IOException {
        Path bad = stateDir.resolve("deployments/openfaas-fn/echo.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "torn");
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        store.load();

        store.save(stored("echo", 1, Map.of()));

        try (Stream<Path> files = Files.list(bad.getParent())) {
            List<Path> aside = files.filter(file -> file.getFileName().toString().startsWith("echo.json.unreadable-"))
                    .toList();
            assertEquals(1, aside.size());
            assertArrayEquals("torn".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(aside.get(0)));
        }
        assertEquals(List.of(stored("echo", 1, Map.of())), FileDeploymentStore.in(stateDir).load().deployments());
    }

    @Test
    void load_temporaryFileOfAnInterruptedWrite_isIgnoredAndRemoved() throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        store.save(stored("echo", 1, Map.of()));
        Path temporary = stateDir.resolve("deployments/openfaas-fn/.inspect.json.123.45.tmp");
        Files.writeString(temporary, "{\"format\":1,");

        StoredDeployments loaded = store.load();

        assertEquals(List.of(stored("echo", 1, Map.of())), loaded.deployments());
        assertEquals(List.of(), loaded.problems());
        assertFalse(Files.exists(temporary));
    }

    @Test
    void save_whenTheStateDirectoryCannotBeWritten_throwsAndKeepsTheOldEntry() throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        store.save(stored("echo", 1, Map.of("v", "1")));
        Path namespaceDir = stateDir.resolve("deployments/openfaas-fn");
        Path moved = stateDir.resolve("moved");
        Files.move(namespaceDir, moved);
        Files.writeString(namespaceDir, "a file where the namespace folder was"); // fails for root too

        assertThrows(IOException.class, () -> store.save(stored("echo", 2, Map.of("v", "2"))));
        assertThrows(IOException.class, () -> store.remove("echo", "openfaas-fn"));

        Files.delete(namespaceDir);
        Files.move(moved, namespaceDir);
        assertEquals(List.of(stored("echo", 1, Map.of("v", "1"))), store.load().deployments());
    }

    @Test
    void load_fileInPlaceOfANamespaceFolder_isAProblem() throws IOException {
        Files.createDirectories(stateDir.resolve("deployments"));
        Files.writeString(stateDir.resolve("deployments/stray"), "x");

        List<StateProblem> problems = FileDeploymentStore.in(stateDir).load().problems();

        assertEquals(1, problems.size());
        assertEquals("deployments/stray", problems.get(0).entry());
    }

    private static StoredDeployment stored(String name, int replicas, Map<String, String> env) {
        return new StoredDeployment(new FunctionDeployment(name, "/functions/" + name + ".jar", "openfaas-fn", "",
                env, List.of(), List.of(), Map.of("com.openfaas.scale.min", "1"), Map.of("a", "b"), null, null,
                false), replicas, CREATED, name.equals("echo") ? "" : "ab".repeat(32));
    }
}
