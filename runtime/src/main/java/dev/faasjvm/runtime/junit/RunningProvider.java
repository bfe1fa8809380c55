package dev.faasjvm.runtime.junit;

import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One runtime the extension started, with its temporary state folder if it has one; closing it
 * closes the runtime (which waits for its functions' threads) and deletes the folder.
 *
 * @param provider the running runtime
 * @param stateDir its temporary state folder, or {@code null} when its state is in memory
 */
record RunningProvider(Provider provider, Path stateDir) implements AutoCloseable {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static RunningProvider start(UnaryOperator<ProviderConfig.Builder> configure, boolean tempStateDir)
            throws Exception {
        Path stateDir = tempStateDir ? Files.createTempDirectory("faas-jvm-test") : null;
        // A test's runtime on loopback is open by default (a test may turn basic auth back on with
        // basic_auth=true; Provider.credentials() then tells it what to send).
        ProviderConfig.Builder builder = ProviderConfig.builder().host("127.0.0.1").port(0).basicAuth(false);
        if (stateDir == null) {
            builder.inMemoryState();
        } else {
            builder.stateDir(stateDir);
        }
        try {
            return new RunningProvider(Provider.create(configure.apply(builder).build()).start(), stateDir);
        } catch (Exception | Error e) {
            deleteRecursively(stateDir);
            throw e;
        }
    }

    void deploy(List<Object> deployments) {
        for (Object deployment : deployments) {
            if (deployment instanceof DeployJar) {
                DeployJar jar = (DeployJar) deployment;
                provider.deploy(jar.name(), jar(jar.path()));
            } else {
                DeployClass type = (DeployClass) deployment;
                provider.deploy(type.name(), type.value());
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            provider.close();
        } finally {
            deleteRecursively(stateDir);
        }
    }

    /** A {@link DeployJar#path()}: {@code ${property}} expanded, then a {@code file:} URL or a path. */
    static Path jar(String path) {
        Matcher matcher = PROPERTY.matcher(path);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = System.getProperty(matcher.group(1));
            if (value == null) {
                throw new ExtensionConfigurationException("@DeployJar path \"" + path + "\": system property \""
                        + matcher.group(1) + "\" is not set");
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        String jar = expanded.toString();
        Path resolved = jar.startsWith("file:") ? Path.of(java.net.URI.create(jar)) : Path.of(jar);
        if (!Files.isRegularFile(resolved)) {
            throw new ExtensionConfigurationException("@DeployJar path \"" + path + "\": no JAR at "
                    + resolved.toAbsolutePath());
        }
        return resolved;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
