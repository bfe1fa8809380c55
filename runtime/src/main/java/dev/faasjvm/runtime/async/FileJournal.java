package dev.faasjvm.runtime.async;

import dev.faasjvm.runtime.backend.StateWriteException;
import dev.faasjvm.runtime.threads.DaemonThreads;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The journal in the state folder: one append-only file of {@link JournalCodec} records, with
 * group commit. Callers encode their change and hand it to one writer thread; the writer takes
 * every change waiting, writes them with one gathering write and makes them durable with one
 * {@code fdatasync}, then completes their futures. Under load a batch grows while the previous
 * fsync runs, so the cost of an fsync is shared by every call that arrived during it.
 *
 * <p>When the file has grown past a threshold and most of it is history, the writer rewrites it
 * with only what is live (queued calls, dead letters) and atomically renames it into place. A
 * record cut short by a crash is discarded at the next start: it was never acknowledged.
 * Thread-safe.
 */
final class FileJournal implements Journal {
    static final String FILE = "journal.log";
    private static final long DEFAULT_COMPACT_AT = 64L << 20;
    private static final System.Logger LOG = System.getLogger(FileJournal.class.getName());

    private final Path dir;
    private final Path file;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Guarded by {@link #lock}. */
    private boolean closed;
    private final JournalState state;
    private final JournalState loaded;
    private final Thread writer;
    private final ExecutorService acknowledger = Executors.newSingleThreadExecutor(DaemonThreads.named("faas-jvm-async-journal-acks"));
    /** The writer's: the open file, its length, and the length past which it is compacted. */
    private FileChannel channel;
    private long length;
    private long compactAt;
    /** How many fsyncs the writer made: far fewer than changes under load, which is the point. */
    private volatile long syncs;

    private record Pending(JournalChange change, byte[] bytes, CompletableFuture<Void> durable) {
    }

    private FileJournal(Path dir, JournalState state, JournalState loaded, FileChannel channel, long length,
            long compactAt) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
        this.state = state;
        this.loaded = loaded;
        this.channel = channel;
        this.length = length;
        this.compactAt = compactAt;
        this.writer = new Thread(this::writeLoop, "faas-jvm-async-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) the journal in {@code dir} and reads it back.
     *
     * @throws UncheckedIOException if it cannot be read or created
     */
    static FileJournal open(Path dir) {
        return open(dir, DEFAULT_COMPACT_AT);
    }

    static FileJournal open(Path dir, long compactAt) {
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            Path file = dir.resolve(FILE);
            JournalState state = new JournalState();
            JournalState loaded = new JournalState();
            long valid = readBack(file, state, loaded);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (channel.size() > valid) {
                LOG.log(Level.WARNING, "Async journal " + file + ": discarding " + (channel.size() - valid)
                        + " bytes of a record cut short by a crash (never acknowledged)");
                channel.truncate(valid);
                channel.force(false);
            }
            channel.position(valid);
            ownerOnly(file, "rw-------");
            syncDirectory(dir);
            return new FileJournal(dir, state, loaded, channel, valid, compactAt);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the async journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long readBack(Path file, JournalState state, JournalState loaded) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long valid = 0;
        long size = Files.size(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (JournalCodec.Read read = JournalCodec.read(in, size); read != null;
                    read = JournalCodec.read(in, size - valid)) {
                state.apply(read.change());
                loaded.apply(read.change());
                valid += read.size();
            }
        }
        return valid;
    }

    @Override
    public JournalState load() {
        return loaded;
    }

    @Override
    public CompletableFuture<Void> record(JournalChange change) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        enqueue(new Pending(change, JournalCodec.encode(change), durable));
        return durable;
    }

    @Override
    public void note(JournalChange change) {
        enqueue(new Pending(change, JournalCodec.encode(change), null));
    }

    private void enqueue(Pending change) {
        synchronized (lock) {
            if (closed) {
                throw new StateWriteException("The async journal " + file + " is closed",
                        new IOException("closed"));
            }
            pending.add(change);
            if (pending.size() == 1) {
                lock.notifyAll();
            }
        }
    }

    private void writeLoop() {
        while (true) {
            ArrayDeque<Pending> batch;
            synchronized (lock) {
                while (pending.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                batch = pending;
                pending = new ArrayDeque<>();
            }
            write(batch);
        }
        acknowledger.shutdown();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot close the async journal " + file, e);
        }
    }

    private void write(ArrayDeque<Pending> batch) {
        ByteBuffer[] buffers = new ByteBuffer[batch.size()];
        long bytes = 0;
        int i = 0;
        for (Pending change : batch) {
            buffers[i++] = ByteBuffer.wrap(change.bytes());
            bytes += change.bytes().length;
        }
        try {
            long written = 0;
            while (written < bytes) {
                written += channel.write(buffers);
            }
            channel.force(false);
            syncs++; // only the writer thread writes it
            length += bytes;
        } catch (IOException e) {
            fail(batch, e);
            return;
        }
        for (Pending change : batch) {
            state.apply(change.change());
        }
        // What waits for these changes (202s to write, calls to start) runs on another thread, so
        // that the next batch's fsync starts now instead of after it.
        acknowledger.execute(() -> {
            for (Pending change : batch) {
                if (change.durable() != null) {
                    change.durable().complete(null);
                }
            }
        });
        compactIfWorthIt();
    }

    private void fail(ArrayDeque<Pending> batch, IOException cause) {
        StateWriteException failure = new StateWriteException("Cannot write the async journal " + file + ": "
                + cause.getMessage(), cause);
        LOG.log(Level.ERROR, failure.getMessage(), cause);
        for (Pending change : batch) {
            if (change.durable() != null) {
                change.durable().completeExceptionally(failure);
            }
        }
        try {
            channel.truncate(length); // drop whatever part of the batch reached the file
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Cannot truncate the async journal " + file + " after a failed write", e);
        }
    }

    /** Rewrites the file with only what is live, once it is past the threshold and mostly history. */
    private void compactIfWorthIt() {
        if (length < compactAt) {
            return;
        }
        List<byte[]> live = new ArrayList<>(state.size());
        long liveBytes = 0;
        for (JournalChange change : state.snapshot()) {
            byte[] bytes = JournalCodec.encode(change);
            live.add(bytes);
            liveBytes += bytes.length;
        }
        if (liveBytes * 2 > length) {
            compactAt = Math.max(compactAt, liveBytes * 4); // mostly live: compacting now would gain little
            return;
        }
        Path next = dir.resolve(FILE + ".next");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (byte[] bytes : live) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.force(false);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot compact the async journal " + file + "; it keeps growing", e);
            compactAt = length * 2;
            return;
        }
        try {
            ownerOnly(next, "rw-------");
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
            FileChannel old = channel;
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            channel.position(liveBytes);
            length = liveBytes;
            old.close();
        } catch (IOException e) {
            // The rename either happened or not; either way the file on disk is whole. Keep appending
            // to the channel open now and try again later.
            LOG.log(Level.WARNING, "Cannot switch the async journal " + file + " to its compacted copy", e);
            compactAt = length * 2;
        }
    }

    /** The journal holds request headers and bodies (credentials among them): owner-only, as the secrets. */
    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename is still atomic there.
            LOG.log(Level.DEBUG, "Cannot sync directory " + dir, e);
        }
    }

    long syncs() {
        return syncs;
    }

    /** Writes what is pending, stops the writer and closes the file. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            writer.join(10_000);
            acknowledger.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
