package dev.faasjvm.runtime;

import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deploys every {@code *.jar} of a folder at start, each named after its file ({@code echo.jar}
 * becomes {@code echo}). A JAR that cannot be deployed is reported and skipped; the rest deploy.
 */
public final class FolderDeployer {
    /**
     * What became of one JAR.
     *
     * @param jar the file
     * @param function the function name it was deployed as
     * @param error why it was skipped, empty when it deployed
     */
    public record Outcome(Path jar, String function, String error) {
        public boolean deployed() {
            return error.isEmpty();
        }
    }

    private FolderDeployer() {
    }

    static void checkReadable(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("Functions folder \"" + dir + "\" does not exist or is not a folder;"
                    + " build the samples first (./mvnw package) or pass another --functions");
        }
        if (!Files.isReadable(dir)) {
            throw new ConfigException("Functions folder \"" + dir + "\" is not readable");
        }
    }

    static List<Outcome> deployAll(ProviderBackend backend, Path dir) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path jar : jars(dir)) {
            String name = nameOf(jar);
            try {
                backend.deploy(new FunctionDeployment(name, jar.toAbsolutePath().normalize().toString(), "", "",
                        Map.of(), List.of(), List.of(), Map.of(), Map.of(), null, null, false));
                outcomes.add(new Outcome(jar, name, ""));
            } catch (ProviderException e) {
                outcomes.add(new Outcome(jar, name, e.getMessage()));
            }
        }
        return outcomes;
    }

    static String nameOf(Path jar) {
        String file = jar.getFileName().toString();
        return file.substring(0, file.length() - ".jar".length());
    }

    private static List<Path> jars(Path dir) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                entry -> entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list functions folder " + dir, e);
        }
        jars.sort(null);
        return jars;
    }
}
