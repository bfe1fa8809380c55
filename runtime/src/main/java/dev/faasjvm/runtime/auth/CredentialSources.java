package dev.faasjvm.runtime.auth;

import dev.faasjvm.runtime.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Finds the basic-auth credentials at start, in this order: a password file given as an option;
 * OpenFaaS's secret files {@code basic-auth-user} and {@code basic-auth-password} under
 * {@code secret_mount_path}, so faas-jvm can share the gateway's; else a strong password generated
 * once into the state folder, owner-only, and reused on later starts (or, for a runtime whose state
 * is in memory, generated for this run only and known to its embedder alone). The user is the one given as
 * an option, else the {@code basic-auth-user} file's, else {@value #DEFAULT_USER}. Values read from
 * files are trimmed, as faas-provider does. Stateless.
 */
public final class CredentialSources {
    static final String DEFAULT_USER = "admin";
    static final String USER_FILE = "basic-auth-user";
    static final String PASSWORD_FILE = "basic-auth-password";
    private static final int GENERATED_BYTES = 32;

    private CredentialSources() {
    }

    /**
     * The credentials and where they came from.
     *
     * @param credentials the user and password
     * @param origin where they came from, for the start-up message; never the password itself
     * @param inAFile whether a file holds the password, for whoever may read it; false for one generated
     *     for a run whose state is in memory, which only this process knows
     * @param unwritten where a generated password is still to be written by {@link #persist()}, or
     *     {@code null}
     */
    public record Resolved(BasicCredentials credentials, String origin, boolean inAFile, Path unwritten) {
        public Resolved(BasicCredentials credentials, String origin) {
            this(credentials, origin, true, null);
        }

        /**
         * Writes a generated password to its file, owner-only, unless it is there already: called
         * once the runtime has bound its port, so that a start that fails leaves the state folder
         * as it found it.
         */
        public void persist() {
            if (unwritten != null && !Files.isRegularFile(unwritten)) {
                write(unwritten, credentials.password());
            }
        }
    }

    /**
     * Finds the credentials.
     *
     * @param userOption the user given as an option, or empty
     * @param passwordFileOption the password file given as an option, or {@code null}
     * @param secretMountPath OpenFaaS's folder of secret files
     * @param stateDir where a generated password is kept, or {@code null} when the state is in memory
     * @throws IllegalArgumentException naming a given file that cannot be read or is empty
     */
    public static Resolved resolve(String userOption, Path passwordFileOption, Path secretMountPath, Path stateDir) {
        Resolved resolved = resolveUnwritten(userOption, passwordFileOption, secretMountPath, stateDir);
        resolved.persist();
        return resolved;
    }

    /** As {@link #resolve}, but a generated password is only written by {@link Resolved#persist()}. */
    public static Resolved resolveUnwritten(String userOption, Path passwordFileOption, Path secretMountPath,
            Path stateDir) {
        Path userFile = secretMountPath.resolve(USER_FILE);
        String user = !userOption.isEmpty() ? userOption
                : Files.isRegularFile(userFile) ? read(userFile) : DEFAULT_USER;
        if (passwordFileOption != null) {
            return new Resolved(new BasicCredentials(user, read(passwordFileOption)),
                    "user \"" + user + "\", password from " + passwordFileOption);
        }
        Path mounted = secretMountPath.resolve(PASSWORD_FILE);
        if (Files.isRegularFile(mounted)) {
            return new Resolved(new BasicCredentials(user, read(mounted)),
                    "user \"" + user + "\", password from " + mounted);
        }
        if (stateDir == null) {
            return new Resolved(new BasicCredentials(user, generate()), "user \"" + user + "\", password generated"
                    + " for this run only (the state is in memory; give --basic-auth-password-file to choose one)",
                    false, null);
        }
        Path generated = stateDir.resolve(PASSWORD_FILE).toAbsolutePath().normalize();
        boolean isNew = !Files.isRegularFile(generated);
        String password = isNew ? generate() : read(generated);
        return new Resolved(new BasicCredentials(user, password), "user \"" + user + "\", password in " + generated
                + (isNew ? " (generated)" : ""), true, isNew ? generated : null);
    }

    private static String generate() {
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void write(Path file, String password) {
        try {
            AtomicFiles.writeOwnerOnly(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the generated basic auth password to " + file, e);
        }
    }

    private static String read(Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read basic auth file " + file + ": " + e.getMessage(), e);
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Basic auth file " + file + " is empty");
        }
        return value;
    }
}
