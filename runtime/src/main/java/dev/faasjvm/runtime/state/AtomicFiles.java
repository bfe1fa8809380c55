package dev.faasjvm.runtime.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Durable, atomic file writes: write a temporary file beside the target, {@code fsync} it, rename
 * it over the target, then {@code fsync} the directory so the rename itself survives a power cut.
 * Stateless and thread-safe; concurrent writers of one target must be serialised by the caller.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content}, durably and atomically, owner-only: state files
     * hold env vars and secrets, which other local users must not read (issue 10).
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /** As {@link #write(Path, byte[])}, readable and writable by the owner only (for secrets). */
    public static void writeOwnerOnly(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /** Deletes {@code target} if it exists, and forces the directory so the deletion is durable. */
    public static void delete(Path target) throws IOException {
        if (Files.deleteIfExists(target)) {
            forceDirectory(target.toAbsolutePath().getParent());
        }
    }

    /**
     * Renames {@code source}, a file or folder whose contents the caller has already forced to
     * disk, to {@code target} atomically, and forces the directory so the rename survives a power
     * cut. For content too large to hold in memory, such as downloaded artifacts.
     */
    public static void moveDurably(Path source, Path target) throws IOException {
        move(source, target);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    private static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            if (ownerOnly) {
                createOwnerOnly(temp);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp, target);
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createOwnerOnly(Path temp) throws IOException {
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException stale) {
            Files.delete(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp); // a non-POSIX file system has no mode bits to set
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The file system of " + target + " cannot rename atomically", e);
        }
    }

    /** Forces a directory's entries to disk; a no-op where the platform cannot open directories. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
