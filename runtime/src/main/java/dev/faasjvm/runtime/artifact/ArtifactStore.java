package dev.faasjvm.runtime.artifact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves images to JARs on local disk. Local JARs and folders are used in place (a zip of JARs is
 * unpacked into the cache); remote artifacts are downloaded once into the content-addressed
 * {@link ArtifactCache}: a pinned image ({@code #sha256=}) found there is used without any request,
 * and an unpinned one is revalidated with a conditional GET, so unchanged bytes cross the network
 * once. Concurrent resolutions of one image share one download. Thread-safe.
 */
public final class ArtifactStore implements AutoCloseable {
    /** What the last download of a URL brought, to revalidate it. */
    private record Fetched(String sha256, String etag, String lastModified) {
    }

    private final ArtifactConfig config;
    private final ArtifactCache cache;
    private final Downloader downloader;
    private final Cache<String, Fetched> fetched = Caffeine.newBuilder().maximumSize(10_000).build();
    private final ConcurrentHashMap<String, CompletableFuture<ArtifactCache.Entry>> inFlight =
            new ConcurrentHashMap<>();

    private ArtifactStore(ArtifactConfig config, ArtifactCache cache, Downloader downloader) {
        this.config = config;
        this.cache = cache;
        this.downloader = downloader;
    }

    /** Opens the store and the cache it keeps in {@link ArtifactConfig#cacheDir()}. */
    public static ArtifactStore open(ArtifactConfig config) {
        return new ArtifactStore(config, ArtifactCache.open(config.cacheDir(), config.maxCacheBytes()),
                new Downloader(config));
    }

    /**
     * Resolves an image to the JARs to load, verifying its {@code #sha256=} pin if it has one.
     *
     * @throws ArtifactException naming the image and the cause; nothing is left on disk half-written
     */
    public ResolvedArtifact resolve(String image) {
        ImageRef ref = ImageRef.parse(image);
        return ref.isRemote() ? remote(ref) : local(ref);
    }

    /** The bytes the cache keeps beyond what loaded functions hold. */
    long cachedBytes() {
        return cache.indexedBytes();
    }

    private ResolvedArtifact local(ImageRef ref) {
        Path path = ref.path();
        if (!Files.exists(path)) {
            throw new ArtifactException(ref.image(), "no file or folder at " + path);
        }
        if (Files.isDirectory(path)) {
            if (ref.isPinned()) {
                throw new ArtifactException(ref.image(), "#sha256= pins a file, but " + path + " is a folder");
            }
            return ResolvedArtifact.inPlace(Archives.jarsIn(ref.image(), path));
        }
        if (!Files.isRegularFile(path)) {
            // Opening a FIFO would block the request forever, and a device is never a JAR (issue 10).
            throw new ArtifactException(ref.image(), path + " is neither a regular file nor a folder (a FIFO, device"
                    + " or socket cannot be an image)");
        }
        if (!Files.isReadable(path)) {
            throw new ArtifactException(ref.image(), path + " is not readable");
        }
        if (ref.isPinned()) {
            Optional<ArtifactCache.Entry> cached = cache.lease(ref.sha256());
            if (cached.isPresent()) {
                return ResolvedArtifact.cached(cache, cached.get()); // the bytes it was deployed with
            }
        }
        String sha = ref.isPinned() ? verify(ref, path, path.toString()) : "";
        if (Archives.classify(ref.image(), path) == Archives.Kind.JAR) {
            return ResolvedArtifact.cached(cache, copyIn(ref, path));
        }
        String key = sha.isEmpty() ? hash(ref, path) : sha;
        ArtifactCache.Entry entry = cache.lease(key).orElseGet(() -> unpack(ref, key, path));
        return ResolvedArtifact.cached(cache, entry);
    }

    /**
     * Copies a local JAR into the cache under its hash, so the function runs from bytes that only
     * an update changes: a JAR used in place broke its running function with
     * {@code NoClassDefFoundError} when {@code mvn package} rewrote it (issue 10).
     */
    private ArtifactCache.Entry copyIn(ImageRef ref, Path jar) {
        Path copy = null;
        try {
            copy = Files.createTempFile(cache.tempDir(), "local-", ".jar");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            String sha = Checksums.sha256(copy);
            if (ref.isPinned() && !sha.equals(ref.sha256())) {
                throw new ArtifactException(ref.image(), "checksum mismatch: #sha256= expects " + ref.sha256()
                        + " but " + jar + " has " + sha);
            }
            Optional<ArtifactCache.Entry> cached = cache.lease(sha);
            if (cached.isPresent()) {
                return cached.get();
            }
            ArtifactCache.Entry entry = cache.admitJar(sha, copy);
            copy = null; // moved into the cache
            return entry;
        } catch (IOException e) {
            throw new ArtifactException(ref.image(), "cannot copy " + jar + " into the artifact cache: "
                    + e.getMessage(), e);
        } finally {
            if (copy != null) {
                deleteQuietly(copy);
            }
        }
    }

    private ResolvedArtifact remote(ImageRef ref) {
        if (ref.isPinned()) {
            Optional<ArtifactCache.Entry> cached = cache.lease(ref.sha256());
            if (cached.isPresent()) {
                return ResolvedArtifact.cached(cache, cached.get());
            }
        }
        return ResolvedArtifact.cached(cache, fetchOnce(ref));
    }

    /** Lets concurrent resolutions of one image share a download; each caller gets its own lease. */
    private ArtifactCache.Entry fetchOnce(ImageRef ref) {
        CompletableFuture<ArtifactCache.Entry> mine = new CompletableFuture<>();
        CompletableFuture<ArtifactCache.Entry> running = inFlight.putIfAbsent(ref.image(), mine);
        if (running != null) {
            ArtifactCache.Entry shared = join(running);
            return cache.lease(shared.sha256()).orElseGet(() -> fetch(ref));
        }
        try {
            ArtifactCache.Entry entry = fetch(ref);
            mine.complete(entry);
            return entry;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(ref.image(), mine);
        }
    }

    private ArtifactCache.Entry fetch(ImageRef ref) {
        String url = ref.uri().toString();
        Fetched last = ref.isPinned() ? null : fetched.getIfPresent(url);
        ArtifactCache.Entry current = last == null ? null : cache.lease(last.sha256()).orElse(null);
        Download download;
        try {
            download = downloader.fetch(ref, cache.tempDir(), current == null ? "" : last.etag(),
                    current == null ? "" : last.lastModified());
        } catch (IOException | RuntimeException | Error e) {
            if (current != null) {
                cache.release(current);
            }
            throw e instanceof IOException ? new ArtifactException(ref.image(), "cannot write to the artifact cache: "
                    + e.getMessage(), e) : (RuntimeException) e;
        }
        if (download.isNotModified()) {
            return current;
        }
        if (current != null) {
            cache.release(current);
        }
        try {
            ArtifactCache.Entry entry = admit(ref, download);
            fetched.put(url, new Fetched(download.sha256(), download.etag(), download.lastModified()));
            return entry;
        } finally {
            deleteQuietly(download.file());
        }
    }

    private ArtifactCache.Entry admit(ImageRef ref, Download download) {
        if (ref.isPinned() && !ref.sha256().equals(download.sha256())) {
            throw new ArtifactException(ref.image(), "checksum mismatch: #sha256= expects " + ref.sha256()
                    + " but the artifact downloaded from " + ref.uri() + " has " + download.sha256());
        }
        if (Archives.classify(ref.image(), download.file()) != Archives.Kind.JAR) {
            return unpack(ref, download.sha256(), download.file());
        }
        try {
            return cache.admitJar(download.sha256(), download.file());
        } catch (IOException e) {
            throw new ArtifactException(ref.image(), "cannot store the artifact in the cache: " + e.getMessage(), e);
        }
    }

    private ArtifactCache.Entry unpack(ImageRef ref, String sha, Path zip) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory(cache.tempDir(), "unpack-");
            Archives.unpack(ref.image(), zip, folder, config.maxArtifactBytes());
            return cache.admitFolder(sha, folder);
        } catch (IOException e) {
            throw new ArtifactException(ref.image(), "cannot unpack the zip of JARs: " + e.getMessage(), e);
        } finally {
            if (folder != null) {
                deleteFolderQuietly(folder);
            }
        }
    }

    private static String verify(ImageRef ref, Path file, String where) {
        String actual = hash(ref, file);
        if (!actual.equals(ref.sha256())) {
            throw new ArtifactException(ref.image(), "checksum mismatch: #sha256= expects " + ref.sha256() + " but "
                    + where + " has " + actual);
        }
        return actual;
    }

    private static String hash(ImageRef ref, Path file) {
        try {
            return Checksums.sha256(file);
        } catch (IOException e) {
            throw new ArtifactException(ref.image(), "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ArtifactCache.Entry join(CompletableFuture<ArtifactCache.Entry> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // tmp/ is emptied at the next start
        }
    }

    private static void deleteFolderQuietly(Path folder) {
        try {
            ArtifactCache.deleteRecursively(folder);
        } catch (IOException ignored) {
            // tmp/ is emptied at the next start
        }
    }

    @Override
    public void close() throws Exception {
        downloader.close();
    }
}
