package dev.faasjvm.runtime.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * What a folder scan sees of a file without reading it: its size, modification time and file key
 * (the inode, where there is one, so a file renamed into place counts as new). A JAR whose
 * signature stays the same across two scans is no longer being written.
 *
 * @param size the size in bytes
 * @param modifiedNanos the modification time
 * @param fileKey the file system's identity of the file, or empty where there is none
 */
record JarSignature(long size, long modifiedNanos, String fileKey) {
    JarSignature {
        Objects.requireNonNull(fileKey, "fileKey");
    }

    /** The signature of a file, or empty when it has gone (or cannot be read) since it was listed. */
    static Optional<JarSignature> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = attributes.fileKey();
            return Optional.of(new JarSignature(attributes.size(),
                    attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    key == null ? "" : key.toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
