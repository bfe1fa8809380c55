package dev.faasjvm.runtime.folder;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What became of one JAR of the functions folder.
 *
 * @param jar the file
 * @param function the function it is deployed as (its file name without {@code .jar})
 * @param error why it was skipped, empty when it is deployed
 */
public record FolderOutcome(Path jar, String function, String error) {
    public FolderOutcome {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(error, "error");
    }

    public boolean deployed() {
        return error.isEmpty();
    }
}
