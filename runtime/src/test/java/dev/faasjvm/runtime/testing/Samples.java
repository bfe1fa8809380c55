package dev.faasjvm.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample-function JARs that failsafe copies for the integration tests, in the folder named by
 * the {@value #PROPERTY} system property (set in runtime/pom.xml).
 */
public final class Samples {
    public static final String PROPERTY = "faasjvm.samples.dir";

    private Samples() {
    }

    /** The folder holding every sample JAR. */
    public static Path dir() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("System property " + PROPERTY + " is not set: run integration tests"
                    + " through Maven (mvn verify), which copies the sample JARs and sets it");
        }
        return Path.of(dir);
    }

    /** The JAR of one sample, e.g. {@code jar("echo")}. */
    public static Path jar(String sample) {
        Path jar = dir().resolve(sample + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Sample JAR " + jar + " does not exist; was sample-functions built?");
        }
        return jar;
    }

    /** The minimal deployment JSON for a sample under a function name. */
    public static String deployment(String name, String sample) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + jar(sample).toUri() + "\"}";
    }
}
