package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.FunctionNamespace;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the created namespaces in {@code namespaces.ndjson} in the state directory, one
 * {@link FunctionNamespace} per line. The file is replaced atomically on every change. Thread-safe.
 */
public final class FileNamespaceStore implements NamespaceStore {
    static final String FILE_NAME = "namespaces.ndjson";

    private final Path file;

    private FileNamespaceStore(Path file) {
        this.file = file;
    }

    /** A store in {@code stateDir}; nothing is read or written until it is used. */
    public static FileNamespaceStore create(Path stateDir) {
        return new FileNamespaceStore(Objects.requireNonNull(stateDir, "stateDir").resolve(FILE_NAME));
    }

    @Override
    public List<FunctionNamespace> load() {
        return NdjsonFiles.read(file, FunctionNamespace.class);
    }

    @Override
    public synchronized void save(List<FunctionNamespace> namespaces) {
        NdjsonFiles.write(file, namespaces, false);
    }
}
