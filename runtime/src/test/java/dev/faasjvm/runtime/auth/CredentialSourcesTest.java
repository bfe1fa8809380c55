package dev.faasjvm.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CredentialSourcesTest {
    @TempDir
    Path dir;

    @Test
    void nothingGiven_generatesAStrongOwnerOnlyPasswordIntoTheStateFolder() throws Exception {
        Path state = dir.resolve("state");

        CredentialSources.Resolved resolved = CredentialSources.resolve("", null, dir.resolve("none"), state);

        Path file = state.resolve("basic-auth-password");
        String password = Files.readString(file).strip();
        assertEquals(new BasicCredentials("admin", password), resolved.credentials());
        assertTrue(password.length() >= 40, password);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(resolved.origin().contains(file.toAbsolutePath().toString()), resolved.origin());
        assertFalse(resolved.origin().contains(password), "the password is never shown");
    }

    @Test
    void generatedPassword_isReusedOnTheNextStart() {
        Path state = dir.resolve("state");
        String first = CredentialSources.resolve("", null, dir, state).credentials().password();

        String second = CredentialSources.resolve("", null, dir, state).credentials().password();

        assertEquals(first, second);
    }

    @Test
    void openFaasSecretFiles_areUsedAndTrimmed() throws Exception {
        Files.writeString(dir.resolve("basic-auth-user"), "gateway\n");
        Files.writeString(dir.resolve("basic-auth-password"), "  shared-password\n");

        CredentialSources.Resolved resolved = CredentialSources.resolve("", null, dir, dir.resolve("state"));

        assertEquals(new BasicCredentials("gateway", "shared-password"), resolved.credentials());
        assertFalse(Files.exists(dir.resolve("state").resolve("basic-auth-password")), "nothing generated");
    }

    @Test
    void options_winOverTheSecretFiles() throws Exception {
        Files.writeString(dir.resolve("basic-auth-user"), "gateway");
        Files.writeString(dir.resolve("basic-auth-password"), "shared-password");
        Path passwordFile = Files.writeString(dir.resolve("mine"), "my-password");

        CredentialSources.Resolved resolved = CredentialSources.resolve("me", passwordFile, dir, dir);

        assertEquals(new BasicCredentials("me", "my-password"), resolved.credentials());
    }

    @Test
    void emptyOrMissingPasswordFile_isAnErrorNamingTheFile() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");

        IllegalArgumentException emptyError = assertThrows(IllegalArgumentException.class,
                () -> CredentialSources.resolve("", empty, dir, dir));
        IllegalArgumentException missingError = assertThrows(IllegalArgumentException.class,
                () -> CredentialSources.resolve("", dir.resolve("missing"), dir, dir));

        assertTrue(emptyError.getMessage().contains(empty.toString()), emptyError.getMessage());
        assertTrue(missingError.getMessage().contains("missing"), missingError.getMessage());
    }
}
