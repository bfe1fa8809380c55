package dev.faasjvm.runtime.folder;

import dev.faasjvm.runtime.state.AtomicFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Private copies of the folder's JARs in the state directory, named by function and content
 * ({@code echo-<sha-256 prefix>.jar}). A function runs from its copy, never from the folder: a JAR
 * overwritten in place would otherwise change under the class loader of the generation still
 * serving, and an update would not be zero-downtime. The copy is also what a restart restores
 * from. Used by the folder's one thread only.
 */
final class JarCopies {
    private static final System.Logger LOG = System.getLogger(JarCopies.class.getName());
    private static final int HASH_CHARS = 16;

    private final Path dir;

    JarCopies(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** Stores a durable copy of {@code content} for {@code function}, once per content. */
    Path store(String function, byte[] content) throws IOException {
        Path copy = copyOf(function, sha256(content));
        if (!Files.isRegularFile(copy) || Files.size(copy) != content.length) {
            AtomicFiles.write(copy, content);
        }
        return copy;
    }

    /** Whether {@code image} is this node's copy of {@code function}'s JAR with the bytes of hash {@code sha256}. */
    boolean isCopyOf(String image, String function, String sha256) {
        try {
            return !image.isEmpty() && Path.of(image).toAbsolutePath().normalize().equals(copyOf(function, sha256));
        } catch (java.nio.file.InvalidPathException e) {
            return false; // a URL or other image that is no path here
        }
    }

    private Path copyOf(String function, String sha256) {
        return dir.resolve(function + "-" + sha256.substring(0, HASH_CHARS) + ".jar");
    }

    /** Whether {@code image} names a copy kept here. */
    boolean holds(String image) {
        return Path.of(image).toAbsolutePath().normalize().startsWith(dir);
    }

    /**
     * Deletes a copy nothing uses any more. A generation still draining keeps reading its open
     * file; on systems that refuse to delete an open file the copy stays until the next start.
     */
    void discard(String image) {
        if (!image.isEmpty() && holds(image)) {
            delete(Path.of(image));
        }
    }

    /** Deletes every copy not in {@code inUse} (absolute paths): leftovers of a crash between two steps. */
    void discardAllBut(Set<String> inUse) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path copy : copies) {
                if (!inUse.contains(copy.toAbsolutePath().normalize().toString())) {
                    delete(copy);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, () -> "Cannot list " + dir + " to remove unused JAR copies: " + e);
        }
    }

    private static void delete(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "Cannot delete unused JAR copy " + copy + ": " + e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
