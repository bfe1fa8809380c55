package dev.faasjvm.runtime.loader;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * What a function declares in the main attributes of its JARs' manifests: the handler class
 * ({@value HandlerScanner#MANIFEST_ATTRIBUTE}) and whether its calls never block
 * ({@value #NEVER_BLOCKS}). Thread-safe.
 */
final class FunctionManifest {
    /** {@code true} declares that the function's calls never block, so they may run on the thread that read the request. */
    static final String NEVER_BLOCKS = "FaaS-Never-Blocks";

    private FunctionManifest() {
    }

    /**
     * Values read before, by {@link FileIdentities#of} the JARs and the attribute's name: restoring
     * thousands of functions of one JAR opened it twice per function only to read these (6% of a
     * restore's CPU in a JFR profile). Problems are not cached.
     */
    private static final Cache<List<Object>, Optional<String>> READ = Caffeine.newBuilder().maximumSize(8_192).build();

    /** The first non-blank value of {@code name} in the JARs' manifests, in class path order. */
    static Optional<String> attribute(List<Path> jars, String name) {
        Optional<List<Object>> files = FileIdentities.of(jars);
        if (files.isEmpty()) {
            return read(jars, name);
        }
        List<Object> key = new ArrayList<>(files.get());
        key.add(name);
        Optional<String> known = READ.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Optional<String> value = read(jars, name);
        READ.put(key, value);
        return value;
    }

    private static Optional<String> read(List<Path> jars, String name) {
        Attributes.Name key = new Attributes.Name(name);
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                ZipEntry entry = file.getEntry(JarFile.MANIFEST_NAME);
                if (entry != null && entry.getSize() > HandlerScanner.MAX_MANIFEST_BYTES) {
                    throw new FunctionLoadException(HandlerScanner.MANIFEST_PROBLEM + "is " + entry.getSize()
                            + " bytes, more than the " + HandlerScanner.MAX_MANIFEST_BYTES + " a manifest may have");
                }
                Manifest manifest = file.getManifest();
                String value = manifest == null ? null : manifest.getMainAttributes().getValue(key);
                if (value != null && !value.isBlank()) {
                    return Optional.of(value.strip());
                }
            } catch (IOException e) {
                throw new FunctionLoadException(HandlerScanner.MANIFEST_PROBLEM + "cannot be read: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    static boolean declaresNeverBlocks(List<Path> jars) {
        return attribute(jars, NEVER_BLOCKS).map("true"::equalsIgnoreCase).orElse(false);
    }
}
