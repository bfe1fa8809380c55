package dev.faasjvm.runtime.loader;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The handler class names that scans found, by the JAR files scanned, so that a JAR deployed under
 * many names, or restored at start, is scanned once rather than once per function.
 *
 * <p>Why: profiled with JFR, restoring 2,000 functions of one JAR spent half its CPU in
 * {@link HandlerScanner}'s ClassGraph scan, whose answer depends on nothing but the files' bytes.
 * A key is {@link FileIdentities#of} the files; folders are never cached. Only names are kept, never a class or a
 * loader, so an entry holds no function in memory. Failed scans are not cached: their error is
 * worth producing afresh. Thread-safe.
 */
final class ScannedHandlers {
    private static final Cache<List<Object>, String> FOUND = Caffeine.newBuilder().maximumSize(4_096).build();

    private ScannedHandlers() {
    }

    /** The handler {@code scan} finds in {@code jars}, from this cache when the same files were scanned before. */
    static String find(List<Path> jars, Function<List<Path>, String> scan) {
        Optional<List<Object>> key = FileIdentities.of(jars);
        if (key.isEmpty()) {
            return scan.apply(jars);
        }
        String known = FOUND.getIfPresent(key.get());
        if (known != null) {
            return known;
        }
        String found = scan.apply(jars);
        FOUND.put(key.get(), found);
        return found;
    }
}
