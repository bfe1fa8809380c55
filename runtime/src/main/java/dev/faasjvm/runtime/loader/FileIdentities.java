package dev.faasjvm.runtime.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A key for what was read from a list of JAR files, valid while the files are the same ones: each
 * file's path, size and modification time. The artifact cache's files are named by their SHA-256
 * and never rewritten, and a file changed in place gets a new key. Folders, whose contents such a
 * key cannot vouch for, have none.
 */
final class FileIdentities {
    private FileIdentities() {
    }

    /** The key of {@code jars}, or empty when one of them is not a readable regular file. */
    static Optional<List<Object>> of(List<Path> jars) {
        List<Object> key = new ArrayList<>(jars.size() * 3);
        for (Path jar : jars) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            } catch (IOException e) {
                return Optional.empty();
            }
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            key.add(jar.toAbsolutePath().normalize());
            key.add(attributes.size());
            key.add(attributes.lastModifiedTime().toMillis());
        }
        return Optional.of(key);
    }
}
