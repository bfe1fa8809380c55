package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Keeps secrets in {@code secrets.ndjson} in the state directory, one {@link Secret} per line with
 * its bytes in base64, readable and writable by the owner only. The file is replaced atomically on
 * every change. Thread-safe.
 */
public final class FileSecretStore implements SecretStore {
    static final String FILE_NAME = "secrets.ndjson";

    private final Path file;

    private FileSecretStore(Path file) {
        this.file = file;
    }

    /** A store in {@code stateDir}; nothing is read or written until it is used. */
    public static FileSecretStore create(Path stateDir) {
        return new FileSecretStore(Objects.requireNonNull(stateDir, "stateDir").resolve(FILE_NAME));
    }

    @Override
    public List<Secret> load() {
        return NdjsonFiles.read(file, Secret.class);
    }

    @Override
    public synchronized void save(List<Secret> secrets) {
        NdjsonFiles.write(file, secrets, true);
    }
}
