package dev.faasjvm.runtime.artifact;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JARs an image resolved to, in class-path order, holding a lease on the cache entry they live
 * in (if any) so the cache does not delete them while they are loaded. Release it once the class
 * loader reading them is closed; releasing twice does nothing. Thread-safe.
 */
public final class ResolvedArtifact {
    private final List<Path> jars;
    private final ArtifactCache cache;
    private final ArtifactCache.Entry entry;
    private final AtomicBoolean released = new AtomicBoolean();

    private ResolvedArtifact(List<Path> jars, ArtifactCache cache, ArtifactCache.Entry entry) {
        this.jars = List.copyOf(jars);
        this.cache = cache;
        this.entry = entry;
    }

    static ResolvedArtifact inPlace(List<Path> jars) {
        return new ResolvedArtifact(jars, null, null);
    }

    static ResolvedArtifact cached(ArtifactCache cache, ArtifactCache.Entry entry) {
        return new ResolvedArtifact(entry.classPath(), cache, entry);
    }

    /** The JAR files, never empty. */
    public List<Path> jars() {
        return jars;
    }

    /**
     * The SHA-256 of what was downloaded or unpacked into the cache, empty for a JAR or folder used
     * in place. With it a restart can load the same bytes from the cache (as {@code #sha256=}
     * pins them) even when the image's server is down.
     */
    public Optional<String> sha256() {
        return entry == null ? Optional.empty() : Optional.of(entry.sha256());
    }

    /** Gives the cache entry back; the cache may then evict it. */
    public void release() {
        if (cache != null && released.compareAndSet(false, true)) {
            cache.release(entry);
        }
    }
}
