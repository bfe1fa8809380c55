package dev.faasjvm.runtime.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.nio.file.StandardOpenOption;

/**
 * The state directory of one running runtime, held with an exclusive lock on its {@code lock}
 * file: two runtimes writing one state directory would each restore a state the other then
 * changes behind its back. The operating system drops the lock when the process dies, so a
 * {@code kill -9} never leaves it stale. Closed by the runtime that opened it.
 */
public final class StateDirectory implements AutoCloseable {
    static final String LOCK_FILE = "lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectory(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @throws StateDirectoryException naming the directory and what is wrong, if it cannot be
     *     created or another runtime holds it
     */
    public static StateDirectory open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            if (!Files.isDirectory(absolute)) {
                try {
                    Files.createDirectories(absolute,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(absolute); // not a POSIX file system: its own access control applies
                }
                AtomicFiles.forceDirectory(absolute.getParent());
            }
            ownerOnly(absolute);
            channel = FileChannel.open(absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StateDirectoryException("State directory \"" + absolute + "\" is in use by another"
                        + " running faas-jvm; stop it or choose another --state-dir");
            }
            channel.truncate(0).write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return new StateDirectory(absolute, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StateDirectoryException("State directory \"" + absolute + "\" is already in use by another"
                    + " runtime in this JVM; give each its own state directory");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateDirectoryException("State directory \"" + absolute + "\" cannot be created or locked ("
                    + e + "); check its permissions or choose another --state-dir");
        } catch (StateDirectoryException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Makes the folder owner-only (700): everything in it, env vars and secrets included, is then
     * out of other local users' reach, whatever the permissions of the files within. A folder that
     * was open to others is tightened with a one-line notice (issue 10).
     */
    private static void ownerOnly(Path dir) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: its own access control applies
        }
        Set<PosixFilePermission> now = view.readAttributes().permissions();
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (!now.equals(ownerOnly)) {
            view.setPermissions(ownerOnly);
            if (now.stream().anyMatch(permission -> !permission.name().startsWith("OWNER_"))) {
                System.getLogger(StateDirectory.class.getName()).log(System.Logger.Level.WARNING, () ->
                        "State directory \"" + dir + "\" was " + PosixFilePermissions.toString(now)
                        + ", readable by other users; it is now rwx------ (owner only)");
            }
        }
    }

    public Path path() {
        return dir;
    }

    /** Whether this process can write here; a read-only directory still restores, but every change fails. */
    public boolean isWritable() {
        return Files.isWritable(dir);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // The open failed already; that failure is the one to report.
        }
    }
}
