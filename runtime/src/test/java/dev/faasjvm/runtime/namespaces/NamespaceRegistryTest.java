package dev.faasjvm.runtime.namespaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.backend.ConflictException;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.state.FileNamespaceStore;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class NamespaceRegistryTest {
    @TempDir
    Path state;

    private NamespaceRegistry registry() {
        return NamespaceRegistry.load(FileNamespaceStore.create(state));
    }

    @Test
    void fresh_hasOnlyTheDefault() {
        NamespaceRegistry registry = registry();

        assertEquals(List.of("openfaas-fn"), registry.names());
        assertTrue(registry.exists("openfaas-fn"));
        assertEquals(Optional.of(new FunctionNamespace("openfaas-fn", Map.of("openfaas", "1"), Map.of())),
                registry.get("openfaas-fn"));
    }

    @Test
    void create_listsItAfterTheDefault_inNameOrder() {
        NamespaceRegistry registry = registry();

        registry.create(labelled("zeta", "1"));
        registry.create(labelled("alpha", "true"));

        assertEquals(List.of("openfaas-fn", "alpha", "zeta"), registry.names());
    }

    @Test
    void create_existingOrDefault_isAConflict() {
        NamespaceRegistry registry = registry();
        registry.create(labelled("team", "1"));

        assertThrows(ConflictException.class, () -> registry.create(labelled("team", "1")));
        assertThrows(ConflictException.class, () -> registry.create(labelled("openfaas-fn", "1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "false", "yes"})
    void create_withoutTheOpenfaasLabel_isInvalid(String label) {
        FunctionNamespace namespace = label.isEmpty() ? new FunctionNamespace("team", Map.of(), Map.of())
                : labelled("team", label);

        assertThrows(InvalidRequestException.class, () -> registry().create(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Team", "team_1", "-team", "team-", "a.b", "a/b"})
    void create_nameThatIsNotAnRfc1123Label_isInvalid(String name) {
        assertThrows(InvalidRequestException.class, () -> registry().create(labelled(name, "1")));
    }

    @Test
    void update_replacesLabels_missingIsNotFound_defaultIsRefused() {
        NamespaceRegistry registry = registry();
        registry.create(labelled("team", "1"));
        FunctionNamespace changed = new FunctionNamespace("team", Map.of("openfaas", "1", "tier", "gold"), Map.of());

        registry.update(changed);

        assertEquals(Optional.of(changed), registry.get("team"));
        assertThrows(NotFoundException.class, () -> registry.update(labelled("other", "1")));
        assertThrows(InvalidRequestException.class, () -> registry.update(labelled("openfaas-fn", "1")));
    }

    @Test
    void delete_forgets_missingIsNotFound_defaultIsRefused() {
        NamespaceRegistry registry = registry();
        registry.create(labelled("team", "1"));

        registry.delete("team");

        assertFalse(registry.exists("team"));
        assertThrows(NotFoundException.class, () -> registry.delete("team"));
        assertThrows(InvalidRequestException.class, () -> registry.delete("openfaas-fn"));
    }

    @Test
    void check_unknownNamespace_isInvalidAndListsTheNamespaces() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> registry().check("nope"));

        assertTrue(error.getMessage().contains("\"nope\" does not exist"), error.getMessage());
        assertTrue(error.getMessage().contains("[openfaas-fn]"), error.getMessage());
    }

    @Test
    void namespaces_surviveAReload() {
        registry().create(labelled("team", "1"));

        assertEquals(List.of("openfaas-fn", "team"), registry().names());
    }

    private static FunctionNamespace labelled(String name, String openfaas) {
        return new FunctionNamespace(name, Map.of("openfaas", openfaas), Map.of());
    }
}
