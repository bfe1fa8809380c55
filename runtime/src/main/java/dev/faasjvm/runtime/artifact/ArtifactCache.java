package dev.faasjvm.runtime.artifact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.faasjvm.runtime.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The content-addressed artifact cache on disk: {@code sha256/<hash>.jar} for JARs,
 * {@code unpacked/<hash>/} for the class path of a zip of JARs, {@code tmp/} for downloads in
 * progress (emptied at start). A Caffeine index weighs each entry by its bytes and evicts beyond
 * the configured bound, but an entry leased by a loaded function is deleted only once its last
 * lease is released. Thread-safe: every index and disk change happens under this object's lock
 * (downloads happen outside it); eviction runs on the calling thread, inside that lock.
 */
final class ArtifactCache {
    private static final System.Logger LOG = System.getLogger(ArtifactCache.class.getName());
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** One cached artifact: its hash, its file or folder, and its size on disk. */
    record Entry(String sha256, Path path, boolean isFolder, long bytes) {
        /** The JARs to load: the file itself, or the JARs in the folder, by name. */
        List<Path> classPath() {
            if (!isFolder) {
                return List.of(path);
            }
            try (Stream<Path> files = Files.list(path)) {
                return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list cached artifact " + path, e);
            }
        }
    }

    private final Path jars;
    private final Path unpacked;
    private final Path tmp;
    private final Cache<String, Entry> index;
    private final Map<String, Integer> leases = new HashMap<>();

    private ArtifactCache(Path dir, long maxBytes) {
        this.jars = dir.resolve("sha256");
        this.unpacked = dir.resolve("unpacked");
        this.tmp = dir.resolve("tmp");
        this.index = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String hash, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, Math.max(1, entry.bytes())))
                .executor(Runnable::run)
                .removalListener((String hash, Entry entry, RemovalCause cause) -> {
                    if (entry != null && cause.wasEvicted()) {
                        deleteIfUnleased(entry);
                    }
                })
                .build();
    }

    /** Opens the cache in {@code dir}: empties {@code tmp/} and indexes what earlier runs kept. */
    static ArtifactCache open(Path dir, long maxBytes) {
        ArtifactCache cache = new ArtifactCache(dir, maxBytes);
        try {
            deleteRecursively(cache.tmp);
            cache.indexExisting();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot read the artifact cache in " + dir + "; starting it empty", e);
        }
        return cache;
    }

    private synchronized void indexExisting() throws IOException {
        for (Path file : list(jars)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".jar") && HASH.matcher(name.substring(0, name.length() - 4)).matches()) {
                index.put(name.substring(0, 64), new Entry(name.substring(0, 64), file, false, Files.size(file)));
            }
        }
        for (Path folder : list(unpacked)) {
            String name = folder.getFileName().toString();
            if (HASH.matcher(name).matches()) {
                index.put(name, new Entry(name, folder, true, sizeOf(folder)));
            }
        }
    }

    /** A folder for temporary files beside the cache (same file system, so they can be renamed in). */
    Path tempDir() throws IOException {
        return Files.createDirectories(tmp);
    }

    /** Leases the entry for {@code sha256} if the cache holds it. */
    synchronized Optional<Entry> lease(String sha256) {
        Entry entry = index.getIfPresent(sha256);
        if (entry == null) {
            entry = onDisk(sha256);
            if (entry == null) {
                return Optional.empty();
            }
            leases.merge(sha256, 1, Integer::sum);
            index.put(sha256, entry);
            return Optional.of(entry);
        }
        leases.merge(sha256, 1, Integer::sum);
        return Optional.of(entry);
    }

    /** Moves a complete, forced JAR in as the entry for its hash (or drops it if one exists) and leases it. */
    synchronized Entry admitJar(String sha256, Path temp) throws IOException {
        Path target = jars.resolve(sha256 + ".jar");
        if (Files.exists(target)) {
            Files.delete(temp);
        } else {
            Files.createDirectories(jars);
            AtomicFiles.moveDurably(temp, target);
        }
        return admit(new Entry(sha256, target, false, Files.size(target)));
    }

    /** Moves a complete, forced folder of JARs in as the entry for a zip's hash, and leases it. */
    synchronized Entry admitFolder(String sha256, Path tempFolder) throws IOException {
        Path target = unpacked.resolve(sha256);
        if (Files.exists(target)) {
            deleteRecursively(tempFolder);
        } else {
            Files.createDirectories(unpacked);
            AtomicFiles.moveDurably(tempFolder, target);
        }
        return admit(new Entry(sha256, target, true, sizeOf(target)));
    }

    private Entry admit(Entry entry) {
        leases.merge(entry.sha256(), 1, Integer::sum);
        index.put(entry.sha256(), entry);
        return entry;
    }

    /** Gives back one lease; an entry evicted meanwhile is deleted with its last lease. */
    synchronized void release(Entry entry) {
        Integer left = leases.computeIfPresent(entry.sha256(), (hash, count) -> count == 1 ? null : count - 1);
        if (left == null && index.getIfPresent(entry.sha256()) == null) {
            delete(entry);
        }
    }

    /** The total bytes of the entries the index keeps (leased entries it evicted are not counted). */
    synchronized long indexedBytes() {
        index.cleanUp();
        return index.asMap().values().stream().mapToLong(Entry::bytes).sum();
    }

    private void deleteIfUnleased(Entry entry) {
        synchronized (this) {
            if (!leases.containsKey(entry.sha256())) {
                delete(entry);
            }
        }
    }

    private Entry onDisk(String sha256) {
        try {
            Path jar = jars.resolve(sha256 + ".jar");
            if (Files.isRegularFile(jar)) {
                return new Entry(sha256, jar, false, Files.size(jar));
            }
            Path folder = unpacked.resolve(sha256);
            return Files.isDirectory(folder) ? new Entry(sha256, folder, true, sizeOf(folder)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void delete(Entry entry) {
        try {
            deleteRecursively(entry.path());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete cached artifact " + entry.path(), e);
        }
    }

    private static long sizeOf(Path folder) throws IOException {
        long total = 0;
        for (Path file : list(folder)) {
            total += Files.size(file);
        }
        return total;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(paths::add);
        }
        return paths;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}
