package dev.faasjvm.runtime.containment;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The base of every function's environment: the variables of the runtime's own environment that
 * are passed through to functions, by name (the {@code --function-env-passthrough} setting). A
 * function's {@code System.getenv()} is this base with its deployment's {@code envVars} over it,
 * and never the rest of the runtime's environment, which may hold its operator's credentials.
 * Immutable.
 *
 * @param base the passed-through variables with their values in the runtime's environment
 */
public record FunctionEnvironment(Map<String, String> base) {
    /** Harmless variables most code expects; the default of {@code --function-env-passthrough}. */
    public static final String DEFAULT_PASSTHROUGH = "PATH,HOME,LANG,LC_ALL,TZ,TMPDIR";

    public FunctionEnvironment {
        base = Map.copyOf(base);
    }

    /** The passthrough names of the default setting, with their values in this process's environment. */
    public static FunctionEnvironment defaults() {
        return passthrough(names(DEFAULT_PASSTHROUGH), System.getenv());
    }

    /** {@code names} with their values in {@code processEnvironment}; names it lacks are left out. */
    public static FunctionEnvironment passthrough(List<String> names, Map<String, String> processEnvironment) {
        Map<String, String> base = new TreeMap<>();
        for (String name : names) {
            String value = processEnvironment.get(name);
            if (value != null) {
                base.put(name, value);
            }
        }
        return new FunctionEnvironment(base);
    }

    /** A comma-separated list of variable names; blanks are dropped ({@code ""} passes nothing). */
    public static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .toList();
    }

    /** The environment of a function deployed with {@code envVars}: they win over the base. */
    public Map<String, String> with(Map<String, String> envVars) {
        Objects.requireNonNull(envVars, "envVars");
        Map<String, String> environment = new LinkedHashMap<>(base);
        environment.putAll(envVars);
        return Map.copyOf(environment);
    }
}
