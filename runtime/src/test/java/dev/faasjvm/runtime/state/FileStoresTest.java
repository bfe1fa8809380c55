package dev.faasjvm.runtime.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file stores of secrets and namespaces, on a real temporary folder. */
final class FileStoresTest {
    @TempDir
    Path state;

    @Test
    void secretStore_firstStart_isEmpty() {
        assertEquals(List.of(), FileSecretStore.create(state).load());
    }

    @Test
    void secretStore_savedSecrets_loadBackByteForByte() {
        byte[] bytes = {0, 1, -1, '\n', 'x'};
        FileSecretStore.create(state).save(List.of(new Secret("api-key", "openfaas-fn", "", bytes)));

        List<Secret> loaded = FileSecretStore.create(state).load();

        assertEquals(1, loaded.size());
        assertEquals("api-key", loaded.get(0).name());
        assertEquals("openfaas-fn", loaded.get(0).namespace());
        assertArrayEquals(bytes, loaded.get(0).rawValue());
    }

    @Test
    void secretStore_file_isOwnerOnly() throws Exception {
        FileSecretStore.create(state).save(List.of(new Secret("a", "openfaas-fn", "", new byte[] {1})));

        Path file = state.resolve(FileSecretStore.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void secretStore_saveEmptyList_leavesNothing() {
        FileSecretStore store = FileSecretStore.create(state);
        store.save(List.of(new Secret("a", "openfaas-fn", "", new byte[] {1})));

        store.save(List.of());

        assertEquals(List.of(), store.load());
    }

    @Test
    void namespaceStore_savedNamespaces_loadBack() {
        FunctionNamespace team = new FunctionNamespace("team", Map.of("openfaas", "1"), Map.of("owner", "ops"));
        FileNamespaceStore.create(state).save(List.of(team));

        assertEquals(List.of(team), FileNamespaceStore.create(state).load());
    }

    @Test
    void corruptLine_isAnErrorNamingTheFileAndLine() throws Exception {
        Files.writeString(state.resolve(FileNamespaceStore.FILE_NAME), "{\"name\":\"ok\"}\nnot json\n",
                StandardCharsets.UTF_8);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> FileNamespaceStore.create(state).load());

        assertTrue(error.getMessage().contains(FileNamespaceStore.FILE_NAME + " line 2"), error.getMessage());
    }
}
