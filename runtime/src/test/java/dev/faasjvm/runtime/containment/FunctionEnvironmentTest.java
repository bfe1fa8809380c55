package dev.faasjvm.runtime.containment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FunctionEnvironmentTest {
    private static final Map<String, String> PROCESS = Map.of("PATH", "/bin", "HOME", "/root",
            "AWS_SECRET_ACCESS_KEY", "operator-credential");

    @Test
    void passthrough_keepsOnlyTheNamedVariablesThatExist() {
        FunctionEnvironment base = FunctionEnvironment.passthrough(List.of("PATH", "TZ"), PROCESS);

        assertEquals(Map.of("PATH", "/bin"), base.base());
    }

    @Test
    void with_putsTheDeploymentsEnvVarsOverTheBase() {
        FunctionEnvironment base = FunctionEnvironment.passthrough(List.of("PATH", "HOME"), PROCESS);

        assertEquals(Map.of("PATH", "/bin", "HOME", "/function", "GREETING", "hi"),
                base.with(Map.of("HOME", "/function", "GREETING", "hi")));
    }

    @Test
    void names_splitsOnCommasAndDropsBlanks() {
        assertEquals(List.of("PATH", "HOME"), FunctionEnvironment.names(" PATH,, HOME ,"));
        assertEquals(List.of(), FunctionEnvironment.names(""));
    }
}
