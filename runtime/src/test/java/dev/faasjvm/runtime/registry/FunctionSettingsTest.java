package dev.faasjvm.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.artifact.ArtifactConfig;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.ProviderInfo;
import dev.faasjvm.runtime.wire.VersionInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class FunctionSettingsTest {
    private static final RegistryConfig DEFAULTS = new RegistryConfig(256, Duration.ofSeconds(30),
            new ProviderInfo("faas-jvm", new VersionInfo("", "sha", "0"), "jvm"),
            new ArtifactConfig(Path.of("unused"), 0, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            Duration.ofSeconds(60), 64, Duration.ofHours(1), Duration.ofSeconds(30));

    @Test
    void of_nothingSet_takesRuntimeDefaults() {
        FunctionSettings settings = FunctionSettings.of(deployment(Map.of(), Map.of()), DEFAULTS);

        assertAll(
                () -> assertEquals(256, settings.maxInflight()),
                () -> assertEquals(Duration.ofSeconds(60), settings.execTimeout()),
                () -> assertEquals(1, settings.minReplicas()),
                () -> assertEquals(FunctionSettings.REPLICA_LIMIT, settings.maxReplicas()),
                () -> assertFalse(settings.scaleToZero()),
                () -> assertEquals(Duration.ofMinutes(15), settings.zeroDuration()));
    }

    @Test
    void of_openFaasEnvVarsAndLabels_areRead() {
        FunctionSettings settings = FunctionSettings.of(deployment(
                Map.of("max_inflight", "4", "exec_timeout", "1m30s"),
                Map.of("com.openfaas.scale.min", "2", "com.openfaas.scale.max", "5", "com.openfaas.scale.zero", "True",
                        "com.openfaas.scale.zero-duration", "90")), DEFAULTS);

        assertEquals(new FunctionSettings(4, Duration.ofSeconds(90), 2, 5, true, Duration.ofSeconds(90),
                RegistryConfig.DEFAULT_CONSTRUCT_TIMEOUT), settings);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "3, 3", "5, 5", "6, 5", "1000000, 5"})
    void clamp_aboveMax_isMax(long requested, int expected) {
        FunctionSettings settings = FunctionSettings.of(deployment(Map.of(), Map.of("com.openfaas.scale.max", "5")),
                DEFAULTS);

        assertEquals(expected, settings.clamp(requested));
    }

    @Test
    void fromZero_isMinButAtLeastOne() {
        assertEquals(3, FunctionSettings.of(deployment(Map.of(), Map.of("com.openfaas.scale.min", "3")), DEFAULTS)
                .fromZero());
        assertEquals(1, FunctionSettings.of(deployment(Map.of(), Map.of()), DEFAULTS).fromZero());
    }

    @ParameterizedTest
    @CsvSource({
        "env, max_inflight, 0",
        "env, max_inflight, many",
        "env, exec_timeout, soon",
        "label, com.openfaas.scale.min, 0",
        "label, com.openfaas.scale.max, x",
        "label, com.openfaas.scale.zero-duration, later"})
    void of_unusableValue_isRejectedNamingIt(String kind, String name, String value) {
        FunctionDeployment deployment = kind.equals("env")
                ? deployment(Map.of(name, value), Map.of())
                : deployment(Map.of(), Map.of(name, value));

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> FunctionSettings.of(deployment, DEFAULTS));

        assertTrue(e.getMessage().startsWith("Invalid deployment of \"fn\": " + kind.replace("env", "env var")
                + " " + name), e.getMessage());
    }

    @Test
    void of_minAboveMax_isRejected() {
        FunctionDeployment deployment = deployment(Map.of(),
                Map.of("com.openfaas.scale.min", "4", "com.openfaas.scale.max", "2"));

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> FunctionSettings.of(deployment, DEFAULTS));

        assertTrue(e.getMessage().contains("is above com.openfaas.scale.max"), e.getMessage());
    }

    private static FunctionDeployment deployment(Map<String, String> env, Map<String, String> labels) {
        return new FunctionDeployment("fn", "/f.jar", "", "", env, List.of(), List.of(), labels, Map.of(), null, null,
                false);
    }
}
