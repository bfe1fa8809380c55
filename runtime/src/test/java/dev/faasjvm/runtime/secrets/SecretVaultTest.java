package dev.faasjvm.runtime.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.backend.ConflictException;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.state.FileSecretStore;
import dev.faasjvm.runtime.wire.Secret;
import dev.faasjvm.runtime.wire.SecretSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SecretVaultTest {
    private static final String NS = "openfaas-fn";

    @TempDir
    Path state;

    private SecretVault vault() {
        return SecretVault.load(FileSecretStore.create(state));
    }

    @Test
    void create_thenValues_returnsACopyOfTheValue() {
        SecretVault vault = vault();

        vault.create(text("api-key", "v1"));

        Map<String, byte[]> values = vault.values(NS, List.of("api-key"));
        assertArrayEquals(bytes("v1"), values.get("api-key"));
        values.get("api-key")[0] = 'X';
        assertArrayEquals(bytes("v1"), vault.values(NS, List.of("api-key")).get("api-key"));
    }

    @Test
    void create_rawValue_winsOverValue() {
        SecretVault vault = vault();

        vault.create(new Secret("api-key", NS, "text", bytes("raw")));

        assertArrayEquals(bytes("raw"), vault.values(NS, List.of("api-key")).get("api-key"));
    }

    @Test
    void create_existing_isAConflict() {
        SecretVault vault = vault();
        vault.create(text("api-key", "v1"));

        assertThrows(ConflictException.class, () -> vault.create(text("api-key", "v2")));
    }

    @Test
    void update_replacesTheValue_andMissingIsNotFound() {
        SecretVault vault = vault();
        vault.create(text("api-key", "v1"));

        vault.update(text("api-key", "v2"));

        assertArrayEquals(bytes("v2"), vault.values(NS, List.of("api-key")).get("api-key"));
        assertThrows(NotFoundException.class, () -> vault.update(text("other", "v")));
    }

    @Test
    void delete_forgets_andMissingIsNotFound() {
        SecretVault vault = vault();
        vault.create(text("api-key", "v1"));

        vault.delete("api-key", NS);

        assertEquals(List.of(), vault.list(NS));
        assertThrows(NotFoundException.class, () -> vault.delete("api-key", NS));
    }

    @Test
    void list_namesOneNamespacesSecretsInOrder() {
        SecretVault vault = vault();
        vault.create(text("b", "1"));
        vault.create(text("a", "1"));
        vault.create(new Secret("c", "team", "1", null));

        assertEquals(List.of(new SecretSummary("a", NS), new SecretSummary("b", NS)), vault.list(NS));
    }

    @Test
    void values_ofAMissingSecret_isInvalidNamingIt() {
        SecretVault vault = vault();
        vault.create(text("a", "1"));

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> vault.values(NS, List.of("a", "missing")));

        assertTrue(error.getMessage().contains("\"missing\""), error.getMessage());
    }

    @Test
    void secrets_surviveAReload() {
        vault().create(text("api-key", "kept"));

        SecretVault reloaded = vault();

        assertArrayEquals(bytes("kept"), reloaded.values(NS, List.of("api-key")).get("api-key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "/etc", "..", "../x", "a\\b", "new\nline"})
    void create_badName_isInvalid(String name) {
        assertThrows(InvalidRequestException.class, () -> vault().create(text(name, "v")));
    }

    private static Secret text(String name, String value) {
        return new Secret(name, NS, value, null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
