package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ProviderConfigTest {

    @Test
    void parse_nothing_givesDocumentedDefaults() {
        ProviderConfig config = ProviderConfig.parse(List.of(), Map.of());

        assertAll(
                () -> assertEquals(8080, config.port()),
                () -> assertEquals("", config.host()),
                () -> assertTrue(config.functions().isEmpty()),
                () -> assertEquals(Path.of("./.faas-jvm"), config.stateDir()),
                () -> assertEquals(Duration.ofSeconds(60), config.readTimeout()));
    }

    @Test
    void parse_envThenOption_optionWins() {
        ProviderConfig config = ProviderConfig.parse(List.of("--port", "9000"),
                Map.of("port", "8081", "FAAS_JVM_FUNCTIONS", "/fns", "read_timeout", "1m30s"));

        assertEquals(9000, config.port());
        assertEquals(Path.of("/fns"), config.functionsDir());
        assertEquals(Duration.ofSeconds(90), config.readTimeout());
    }

    @Test
    void parse_scalingSettings_defaultsAndEnv() {
        ProviderConfig defaults = ProviderConfig.parse(List.of(), Map.of());
        ProviderConfig set = ProviderConfig.parse(List.of("--warm-loaders", "0"),
                Map.of("FAAS_JVM_EXEC_TIMEOUT", "0", "FAAS_JVM_WARM_DURATION", "10m"));

        assertAll(
                () -> assertEquals(Duration.ofSeconds(60), defaults.execTimeout()),
                () -> assertEquals(64, defaults.warmLoaders()),
                () -> assertEquals(Duration.ofHours(1), defaults.warmDuration()),
                () -> assertEquals(Duration.ZERO, set.execTimeout(), "0 turns the limit off"),
                () -> assertEquals(0, set.warmLoaders()),
                () -> assertEquals(Duration.ofMinutes(10), set.warmDuration()));
    }

    @Test
    void parse_functionEnvPassthrough_defaultEnvOptionAndNone() {
        assertEquals(List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR"),
                ProviderConfig.parse(List.of(), Map.of()).functionEnvPassthrough());
        assertEquals(List.of("A", "B"), ProviderConfig.parse(List.of(),
                Map.of("FAAS_JVM_FUNCTION_ENV_PASSTHROUGH", " A, B ,")).functionEnvPassthrough());
        assertEquals(List.of("C"), ProviderConfig.parse(List.of("--function-env-passthrough=C"),
                Map.of("FAAS_JVM_FUNCTION_ENV_PASSTHROUGH", "A")).functionEnvPassthrough());
        assertEquals(List.of(), ProviderConfig.parse(List.of("--function-env-passthrough="), Map.of())
                .functionEnvPassthrough(), "an empty value passes nothing through");
    }

    @Test
    void parse_optionWithEquals_isAccepted() {
        assertEquals(0, ProviderConfig.parse(List.of("--port=0"), Map.of()).port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--nope|Unknown option \"--nope\"; run with --help to list the options",
        "--port|Option --port needs a value, e.g. --port 8080",
        "--port=x|--port (env port) must be a whole number, not \"x\"",
        "--port=70000|Port must be from 0 to 65535, not 70000",
        "--max-inflight=0|Max in-flight calls must be at least 1, not 0",
        "--warm-loaders=-1|Warm loaders must not be negative, not -1",
        "--exec-timeout=later|--exec-timeout (env FAAS_JVM_EXEC_TIMEOUT): \"later\" is not a duration",
        "--read-timeout=soon|--read-timeout (env read_timeout): \"soon\" is not a duration"})
    void parse_badOption_namesIt(String arg, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> ProviderConfig.parse(List.of(arg), Map.of()));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void parse_nothing_turnsBasicAuthOnWithOpenFaasSecretPath() {
        ProviderConfig config = ProviderConfig.parse(List.of(), Map.of());

        assertAll(
                () -> assertTrue(config.basicAuth()),
                () -> assertEquals(Path.of("/run/secrets/"), config.secretMountPath()),
                () -> assertEquals("", config.basicAuthUser()),
                () -> assertTrue(config.passwordFile().isEmpty()),
                () -> assertEquals(1000, config.logLines()));
    }

    @ParameterizedTest
    @CsvSource({"false, false", "0, false", "FALSE, false", "true, true", "1, true", "True, true"})
    void parse_basicAuthEnv_readsGoBooleans(String value, boolean expected) {
        assertEquals(expected, ProviderConfig.parse(List.of(), Map.of("basic_auth", value)).basicAuth());
    }

    @Test
    void parse_credentialOptions_areKept() {
        ProviderConfig config = ProviderConfig.parse(List.of("--basic-auth-user", "ops",
                "--basic-auth-password-file", "/etc/pw", "--secret-mount-path", "/var/secrets", "--log-lines", "5"),
                Map.of());

        assertEquals("ops", config.basicAuthUser());
        assertEquals(Path.of("/etc/pw"), config.passwordFile().orElseThrow());
        assertEquals(Path.of("/var/secrets"), config.secretMountPath());
        assertEquals(5, config.logLines());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--basic-auth=maybe|--basic-auth (env basic_auth) must be true or false, not \"maybe\"",
        "--log-lines=0|Log lines per function must be at least 1, not 0"})
    void parse_badAuthOrLogOption_namesIt(String arg, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> ProviderConfig.parse(List.of(arg), Map.of()));

        assertEquals(message, e.getMessage());
    }

    @Test
    void help_listsEverySettingWithItsVariable() {
        String help = ProviderConfig.help();

        for (ProviderConfig.Setting setting : ProviderConfig.Setting.values()) {
            assertTrue(help.contains(setting.option) && help.contains("env " + setting.env), setting.name());
        }
    }

    @Test
    void help_keepsItsColumnsForTheLongestOption_andWrapsToTheWidth() {
        List<String> lines = ProviderConfig.help().lines().dropWhile(line -> !line.equals("Options:")).skip(1).toList();
        int column = lines.get(0).indexOf(ProviderConfig.Setting.values()[0].meaning.split(" ")[0]);

        for (String line : lines) {
            assertTrue(line.length() <= ProviderConfig.HELP_WIDTH, line);
            assertTrue(line.length() > column && line.charAt(column - 1) == ' ' && line.charAt(column) != ' ', line);
        }
    }
}
