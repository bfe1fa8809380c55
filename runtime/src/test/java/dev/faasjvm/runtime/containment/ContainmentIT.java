package dev.faasjvm.runtime.containment;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Gc;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import dev.faasjvm.runtime.unload.LoaderCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rogue sample does to the JVM what a function must not; each test proves that it reaches only
 * the rogue itself, while another function (a second copy of the same JAR, so it runs the very
 * same code) and the runtime, which is this test's own JVM, keep theirs.
 */
final class ContainmentIT {
    @RegisterExtension
    final TestServer server = TestServer.create();

    @TempDir
    Path temp;

    @Test
    void exitInEveryForm_failsOnlyThatCallWith500_andTheRuntimeServesOn() {
        deployBoth();
        List<String> forms = List.of("exit", "runtime-exit", "halt", "exit-reference", "halt-reference");

        for (int i = 0; i < forms.size(); i++) {
            HttpResponse<String> response = server.get("/function/rogue?do=" + forms.get(i) + "&code=" + (40 + i));
            int code = 40 + i;
            assertAll(forms.get(i),
                    () -> assertEquals(500, response.statusCode()),
                    () -> assertTrue(response.body().contains("rogue") && response.body().contains("status " + code),
                            response.body()));
        }
        HttpResponse<String> fromThread = server.get("/function/rogue?do=exit-in-thread&code=7");

        assertAll(
                () -> assertEquals("thread ended with FunctionExitException", fromThread.body()),
                () -> assertEquals(200, server.get("/function/other?do=print&value=fine").statusCode()),
                () -> assertEquals(200, server.get("/function/rogue?do=print&value=fine").statusCode(),
                        "the rogue itself still serves"),
                () -> assertTrue(server.get("/metrics").body()
                        .contains("faasjvm_function_exit_attempts_total{function_name=\"rogue.openfaas-fn\"} 6.0"),
                        "every attempt is counted"));
    }

    @Test
    void setOut_givesTheFunctionItsOwnStream_whileOthersAndTheRuntimeKeepTheirs() {
        deployBoth();
        PrintStream runtimeOut = System.out;

        String own = server.get("/function/rogue?do=set-out&value=to-own-stream").body();
        server.get("/function/rogue?do=print&value=rogue-after-set-out");
        server.get("/function/other?do=print&value=other-still-logged");

        assertAll(
                () -> assertEquals("to-own-stream\n", own),
                () -> assertSame(runtimeOut, System.out, "the runtime's router stays in place"),
                () -> Awaitility.await().atMost(Duration.ofSeconds(5)).until(
                        () -> server.get("/system/logs?name=other").body().contains("other-still-logged")),
                () -> assertFalse(server.get("/system/logs?name=rogue").body().contains("rogue-after-set-out"),
                        "the rogue's lines go to its own stream now"));
    }

    @Test
    void runtimeStreamsReplacedBehindItsBack_areTakenBack() {
        server.deploy("other", "rogue");
        PrintStream router = System.out;
        PrintStream foreign = new PrintStream(new ByteArrayOutputStream(), true);

        System.setOut(foreign); // as reflection, or a class the rewrite never saw, would
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> System.out == router);
        } finally {
            if (System.out == foreign) {
                System.setOut(router);
            }
        }
        server.get("/function/other?do=print&value=captured-again");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(
                () -> server.get("/system/logs?name=other").body().contains("captured-again"));
    }

    @Test
    void getenv_isTheDeploymentsEnvVarsOverThePassthroughBase_never_theRuntimesEnvironment() {
        server.deploy("{\"service\":\"rogue\",\"image\":\"" + Samples.jar("rogue").toUri()
                + "\",\"envVars\":{\"GREETING\":\"hello\",\"HOME\":\"/function-home\"}}");
        String hidden = System.getenv().keySet().stream()
                .filter(name -> !FunctionEnvironment.names(FunctionEnvironment.DEFAULT_PASSTHROUGH).contains(name))
                .findFirst().orElseThrow();

        Set<String> names = Arrays.stream(server.get("/function/rogue?do=getenv").body().split("\n"))
                .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toSet());

        Set<String> allowed = new java.util.HashSet<>(FunctionEnvironment.names(FunctionEnvironment.DEFAULT_PASSTHROUGH));
        allowed.add("GREETING");
        assertAll(
                () -> assertTrue(allowed.containsAll(names), "only envVars and passthrough: " + names),
                () -> assertEquals("hello", server.get("/function/rogue?do=getenv&key=GREETING").body()),
                () -> assertEquals("/function-home", server.get("/function/rogue?do=getenv&key=HOME").body(),
                        "envVars win over the passthrough"),
                () -> assertEquals(String.valueOf(System.getenv("PATH")),
                        server.get("/function/rogue?do=getenv&key=PATH").body(), "PATH passes through"),
                () -> assertEquals("null", server.get("/function/rogue?do=getenv&key=" + hidden).body(),
                        hidden + " of the runtime's environment stays hidden"));
    }

    @Test
    void systemProperties_areAnOverlayOfTheFunctionsOwn() {
        deployBoth();
        String userName = System.getProperty("user.name");

        String set = server.get("/function/rogue?do=set-property&key=user.name&value=mallory").body();

        assertAll(
                () -> assertEquals("mallory", set),
                () -> assertEquals("mallory mallory", server.get("/function/rogue?do=get-property&key=user.name").body()),
                () -> assertEquals(userName + " " + userName,
                        server.get("/function/other?do=get-property&key=user.name").body()),
                () -> assertEquals(userName, System.getProperty("user.name")));
    }

    @Test
    void localeAndTimeZone_changeForTheFunctionsOwnCodeOnly() {
        deployBoth();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        String jvmDefaults = locale.toLanguageTag() + " " + "i".toUpperCase(locale) + " " + zone.getID() + " "
                + ZoneId.systemDefault();

        String rogue = server.get("/function/rogue?do=set-defaults&value=tr-TR&key=Asia/Tokyo").body();

        assertAll(
                () -> assertEquals("tr-TR \u0130 Asia/Tokyo Asia/Tokyo", rogue),
                () -> assertEquals(rogue, server.get("/function/rogue?do=defaults").body(), "it stays the rogue's"),
                () -> assertEquals(jvmDefaults, server.get("/function/other?do=defaults").body()),
                () -> assertEquals(locale, Locale.getDefault()),
                () -> assertEquals(zone, TimeZone.getDefault()),
                () -> assertEquals("I", "i".toUpperCase()));
    }

    @Test
    void shutdownHooks_runWhenTheFunctionIsUnloaded_notHeldByTheJvm() throws IOException {
        deployBoth();
        Path ran = temp.resolve("hook-ran");

        assertEquals("hook added", server.get("/function/rogue?do=add-hook&value=" + ran).body());
        assertFalse(Files.exists(ran));
        assertEquals(202, server.delete("/system/functions", "{\"functionName\":\"rogue\"}").statusCode());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ran));
        assertAll(
                () -> assertEquals("hook ran", Files.readString(ran)),
                () -> assertEquals(200, server.get("/function/other?do=print&value=fine").statusCode()));
        // The JVM holds no hook, so nothing pins the deleted function's class loader.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Gc.collectGarbageForTest();
            return server.provider().loaderCounts().getOrDefault("rogue.openfaas-fn", new LoaderCounts(0, 0, 0))
                    .unloaded() == 1;
        });
    }

    @Test
    void defaultUncaughtExceptionHandler_isPerFunction() {
        deployBoth();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();

        assertEquals("true", server.get("/function/rogue?do=set-uncaught-handler").body());
        String first = server.get("/function/rogue?do=throw-in-thread&value=boom").body();
        server.get("/function/other?do=throw-in-thread&value=not-the-rogues");
        String second = server.get("/function/rogue?do=throw-in-thread&value=again").body();

        assertAll(
                () -> assertEquals("rogue-thrower: boom", first),
                () -> assertEquals("rogue-thrower: boom\nrogue-thrower: again", second,
                        "the other function's exception never reached the rogue's handler"),
                () -> assertEquals("", server.get("/function/other?do=throw-in-thread&value=x").body()),
                () -> assertNotSame(null, Thread.getDefaultUncaughtExceptionHandler()),
                () -> assertTrue(before == null || before == Thread.getDefaultUncaughtExceptionHandler()
                        || Thread.getDefaultUncaughtExceptionHandler() instanceof UncaughtHandlers));
    }

    @Test
    void aFunctionBundlingGuavaAndJackson_runsFromItsRewrittenClasses() {
        server.deploy("bundled", "bundled");

        HttpResponse<String> response = server.get("/function/bundled?b=2&a=1");

        assertAll(
                () -> assertEquals(200, response.statusCode(), response.body()),
                () -> assertEquals("{\"a\":[\"1\"],\"b\":[\"2\"]}", response.body()));
    }

    private void deployBoth() {
        server.deploy("rogue", "rogue");
        server.deploy("other", "rogue");
    }
}
