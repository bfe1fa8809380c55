package dev.faasjvm.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ArtifactCacheTest {
    @TempDir
    Path dir;

    @Test
    void admit_beyondBound_evictsUnleasedEntriesOnly() throws IOException {
        ArtifactCache cache = ArtifactCache.open(dir, 2_500);
        ArtifactCache.Entry first = cache.admitJar(hash('a'), temp(cache, 1_000));
        cache.release(first);
        ArtifactCache.Entry held = cache.admitJar(hash('b'), temp(cache, 1_000));

        for (char c = 'c'; c <= 'h'; c++) {
            cache.release(cache.admitJar(hash(c), temp(cache, 1_000)));
        }

        assertTrue(Files.exists(held.path()), "a leased artifact is never deleted");
        assertTrue(cache.indexedBytes() <= 2_500, "indexed " + cache.indexedBytes());
        assertTrue(bytesOnDisk() <= 2_500 + 1_000, "on disk " + bytesOnDisk());
    }

    @Test
    void release_ofEvictedEntry_deletesIt() throws IOException {
        ArtifactCache cache = ArtifactCache.open(dir, 0);
        ArtifactCache.Entry entry = cache.admitJar(hash('a'), temp(cache, 100));
        assertTrue(Files.exists(entry.path()));

        cache.release(entry);

        assertFalse(Files.exists(entry.path()));
    }

    @Test
    void lease_afterReopen_findsWhatAnEarlierRunKept() throws IOException {
        ArtifactCache first = ArtifactCache.open(dir, 10_000);
        first.release(first.admitJar(hash('a'), temp(first, 100)));
        Files.writeString(first.tempDir().resolve("half-written.part"), "partial");

        ArtifactCache second = ArtifactCache.open(dir, 10_000);

        assertTrue(second.lease(hash('a')).isPresent());
        assertFalse(Files.exists(dir.resolve("tmp/half-written.part")), "tmp/ is emptied at start");
    }

    @Test
    void admitJar_sameHashTwice_keepsOneFile() throws IOException {
        ArtifactCache cache = ArtifactCache.open(dir, 10_000);
        Path second = temp(cache, 100);

        ArtifactCache.Entry a = cache.admitJar(hash('a'), temp(cache, 100));
        ArtifactCache.Entry b = cache.admitJar(hash('a'), second);

        assertEquals(a.path(), b.path());
        assertFalse(Files.exists(second), "the duplicate download is dropped");
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static Path temp(ArtifactCache cache, int size) throws IOException {
        return Files.write(Files.createTempFile(cache.tempDir(), "t", ".part"), new byte[size]);
    }

    private long bytesOnDisk() throws IOException {
        try (var files = Files.walk(dir.resolve("sha256"))) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
