package dev.faasjvm.runtime.folder;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * What one node's functions folder provides under one function name: the JAR's bytes (by their
 * SHA-256), when the file was last modified, and where it is on that node. Immutable.
 *
 * @param sha256 the SHA-256 of the JAR's bytes, in hex
 * @param modified the file's modification time
 * @param file the JAR's absolute path on its node
 */
public record FolderJar(String sha256, Instant modified, String file) {
    /**
     * Which of several nodes' JARs of one function the cluster runs: the most recently modified,
     * and of two modified at the same instant the one of the node whose name sorts first. First in
     * this order wins.
     */
    public static final Comparator<Map.Entry<String, FolderJar>> PRECEDENCE = Comparator
            .comparing((Map.Entry<String, FolderJar> byNode) -> byNode.getValue().modified()).reversed()
            .thenComparing(Map.Entry::getKey);

    public FolderJar {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(file, "file");
    }
}
