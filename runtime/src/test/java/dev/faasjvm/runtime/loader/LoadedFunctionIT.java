package dev.faasjvm.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.runtime.artifact.ArtifactConfig;
import dev.faasjvm.runtime.artifact.ArtifactStore;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.unload.LeakDetector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unloading a real sample JAR without the rest of the runtime: what gets cleaned up, and what cannot be. */
final class LoadedFunctionIT {
    private final LeakDetector leaks = LeakDetector.create(Clock.systemUTC());

    @AfterEach
    void closeDetector() {
        leaks.close();
    }

    @Test
    void unload_untidyFunction_stopsItsThreadDeregistersItsDriverAndRemovesItsLogHandler(@TempDir Path cache) {
        LoadedFunction loaded = loader(cache).load("untidy.test", 1, Samples.jar("untidy").toString(), "");
        construct(loaded, "r1", Map.of());
        assertTrue(threadNamed("untidy-background-r1").isPresent(), "the constructor started its thread");
        assertTrue(hasUntidyRootHandler(), "the constructor added its logging handler");

        UnloadReport report = loaded.unload();

        assertAll(
                () -> assertEquals(List.of("dev.faasjvm.samples.untidy.UntidyDriver"), report.jdbcDrivers()),
                () -> assertEquals(List.of("root logger: dev.faasjvm.samples.untidy.UntidyLogHandler"),
                        report.logHandlers()),
                () -> assertEquals(List.of("untidy-background-r1"), report.threads().interrupted()),
                () -> assertEquals(List.of(), report.threads().survivors()),
                () -> assertFalse(threadNamed("untidy-background-r1").isPresent()),
                () -> assertFalse(hasUntidyRootHandler()),
                () -> assertEquals(1, leaks.counts("untidy.test").retired()));
    }

    @Test
    void unload_threadThatIgnoresInterrupts_isReportedAsSurvivor(@TempDir Path cache) {
        LoadedFunction loaded = loader(cache).load("leaky.test", 1, Samples.jar("leaky").toString(), "");
        construct(loaded, "r1", Map.of("leak", "thread"));

        UnloadReport report = loaded.unload();

        assertEquals(List.of("leaky-stubborn-r1"), report.threads().survivors());
        assertEquals(List.of(), report.jdbcDrivers(), "a function that never touched JDBC is not searched");
    }

    @Test
    void unload_secondTime_doesNothing(@TempDir Path cache) {
        LoadedFunction loaded = loader(cache).load("echo.test", 1, Samples.jar("echo").toString(), "");
        loaded.unload();

        UnloadReport again = loaded.unload();

        assertEquals(List.of(), again.threads().interrupted());
        assertEquals(1, leaks.counts("echo.test").retired());
    }

    private FunctionLoader loader(Path cache) {
        ArtifactStore artifacts = ArtifactStore.open(new ArtifactConfig(cache, 1 << 20, 1 << 20, Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        return new FunctionLoader(artifacts, leaks);
    }

    /** Constructs the handler as a replica does: with the function's loader as context loader. */
    private static Object construct(LoadedFunction loaded, String replicaId, Map<String, String> env) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loaded.loader());
        try {
            return loaded.handler().newInstance(context(replicaId, env));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static FunctionContext context(String replicaId, Map<String, String> env) {
        return new FunctionContext() {
            @Override
            public String functionName() {
                return "test";
            }

            @Override
            public String namespace() {
                return "test";
            }

            @Override
            public String replicaId() {
                return replicaId;
            }

            @Override
            public Map<String, String> env() {
                return env;
            }

            @Override
            public Optional<String> env(String name) {
                return Optional.ofNullable(env.get(name));
            }

            @Override
            public Optional<String> secret(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<byte[]> secretBytes(String name) {
                return Optional.empty();
            }
        };
    }

    private static Optional<Thread> threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    private static boolean hasUntidyRootHandler() {
        return Arrays.stream(Logger.getLogger("").getHandlers())
                .anyMatch(handler -> handler.getClass().getName().endsWith("UntidyLogHandler"));
    }
}
