package dev.faasjvm.runtime;

import dev.faasjvm.runtime.wire.ProviderInfo;
import dev.faasjvm.runtime.wire.VersionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version and commit this runtime was built from, as {@code GET /system/info} reports them. */
final class BuildInfo {
    static final String PROVIDER = "faas-jvm";
    static final String ORCHESTRATION = "jvm";

    private BuildInfo() {
    }

    static ProviderInfo providerInfo() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/faas-jvm-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read faas-jvm-version.properties", e);
        }
        return new ProviderInfo(PROVIDER,
                new VersionInfo(resolved(properties, "commit_message"), resolved(properties, "commit", "unknown"),
                        resolved(properties, "version", "unknown")),
                ORCHESTRATION);
    }

    static String version() {
        return providerInfo().version().release();
    }

    private static String resolved(Properties properties, String key) {
        return resolved(properties, key, "");
    }

    /** A value Maven did not filter (still {@code ${...}}, e.g. built outside git) counts as absent. */
    private static String resolved(Properties properties, String key, String fallback) {
        String value = properties.getProperty(key, "");
        return value.isBlank() || value.startsWith("${") ? fallback : value;
    }
}
