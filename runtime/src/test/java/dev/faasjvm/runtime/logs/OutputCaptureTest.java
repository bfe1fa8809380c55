package dev.faasjvm.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.wire.LogMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/** The routing of printed lines and log records, over fake original streams instead of the JVM's. */
final class OutputCaptureTest {
    private final ByteArrayOutputStream runtimeOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream runtimeErr = new ByteArrayOutputStream();
    private final OutputCapture capture = new OutputCapture(
            new PrintStream(runtimeOut, true, StandardCharsets.UTF_8),
            new PrintStream(runtimeErr, true, StandardCharsets.UTF_8));
    private final FunctionLogs logs = new FunctionLogs(100, Clock.systemUTC(), capture);
    private final ClassLoader loader = new URLClassLoader("function:echo", new URL[0], null);

    @Test
    void println_onFunctionThread_goesToItsLogAndPrefixedToRuntimeOutput() throws Exception {
        FunctionOutput output = logs.attach("echo", "openfaas-fn", "echo-1", loader);

        onThread(loader, () -> {
            output.tagCurrentThread("echo-1-1");
            capture.out().println("hello");
        });

        assertEquals(List.of("echo-1-1 hello"), lines("echo"));
        assertEquals("[echo.openfaas-fn echo-1-1] hello\n", runtimeOut.toString(StandardCharsets.UTF_8));
    }

    @Test
    void functionInASharedLoader_getsOnlyItsReplicaThreads_notEveryThreadOfThatLoader() throws Exception {
        ClassLoader shared = getClass().getClassLoader();
        FunctionOutput output = logs.attach("echo", "openfaas-fn", "echo-1", shared, false);

        onThread(shared, () -> capture.out().println("the test's own line"));
        onThread(shared, () -> {
            output.tagCurrentThread("echo-1-1");
            capture.out().println("the function's line");
        });

        assertEquals(List.of("echo-1-1 the function's line"), lines("echo"));
        assertEquals("the test's own line\n[echo.openfaas-fn echo-1-1] the function's line\n",
                runtimeOut.toString(StandardCharsets.UTF_8));
    }

    @Test
    void println_onRuntimeThread_passesThroughUnchangedAndIsNotLogged() throws Exception {
        logs.attach("echo", "openfaas-fn", "echo-1", loader);

        onThread(getClass().getClassLoader(), () -> capture.out().print("runtime says hi\n"));

        assertEquals(List.of(), lines("echo"));
        assertEquals("runtime says hi\n", runtimeOut.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printToErr_onFunctionThread_goesToLogAndRuntimeStandardError() throws Exception {
        logs.attach("echo", "openfaas-fn", "echo-1", loader);

        onThread(loader, () -> capture.err().println("oops"));

        assertEquals(List.of("echo-1 oops"), lines("echo"));
        assertEquals("[echo.openfaas-fn echo-1] oops\n", runtimeErr.toString(StandardCharsets.UTF_8));
        assertEquals("", runtimeOut.toString(StandardCharsets.UTF_8));
    }

    @Test
    void threadStartedByReplicaThread_inheritsItsFunctionAndReplica() throws Exception {
        FunctionOutput output = logs.attach("echo", "openfaas-fn", "echo-1", loader);

        onThread(loader, () -> {
            output.tagCurrentThread("echo-1-2");
            Thread child = new Thread(() -> capture.out().println("from the background"));
            child.start();
            join(child);
        });

        assertEquals(List.of("echo-1-2 from the background"), lines("echo"));
    }

    @Test
    void contextLoaderBelowFunctionLoader_isAttributedToTheFunction() throws Exception {
        logs.attach("echo", "openfaas-fn", "echo-1", loader);
        ClassLoader child = new URLClassLoader(new URL[0], loader);

        onThread(child, () -> capture.out().println("from a child loader"));

        assertEquals(List.of("echo-1 from a child loader"), lines("echo"));
    }

    @Test
    void partialPrints_makeOneLine_andCarriageReturnIsDropped() throws Exception {
        logs.attach("echo", "openfaas-fn", "echo-1", loader);

        onThread(loader, () -> {
            capture.out().print("a");
            capture.out().print('b');
            capture.out().write('c');
            capture.out().print("\r\n\n");
        });

        assertEquals(List.of("echo-1 abc", "echo-1 "), lines("echo"));
    }

    @Test
    void concurrentThreads_printingCharByChar_neverMixWithinALine() throws Exception {
        logs.attach("echo", "openfaas-fn", "echo-1", loader);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (String word : List.of("alpha", "bravo", "charlie", "delta")) {
            Thread thread = new Thread(() -> {
                await(start);
                for (int i = 0; i < 20; i++) {
                    for (char c : (word + " " + i).toCharArray()) {
                        capture.out().print(c);
                    }
                    capture.out().println();
                }
            });
            thread.setContextClassLoader(loader);
            thread.start();
            threads.add(thread);
        }

        start.countDown();
        for (Thread thread : threads) {
            join(thread);
        }

        List<String> lines = lines("echo");
        assertEquals(80, lines.size());
        assertTrue(lines.stream().allMatch(line -> line.matches("echo-1 (alpha|bravo|charlie|delta) \\d+")),
                () -> "every line whole: " + lines);
    }

    @Test
    void lineLongerThanTheLimit_isCutIntoPieces() throws Exception {
        logs.attach("echo", "openfaas-fn", "echo-1", loader);
        String longLine = "x".repeat(LineRouter.MAX_LINE + 10);

        onThread(loader, () -> capture.out().println(longLine));

        List<String> lines = lines("echo");
        assertEquals(2, lines.size());
        assertEquals(LineRouter.MAX_LINE + "echo-1 ".length(), lines.get(0).length());
        assertEquals("echo-1 " + "x".repeat(10), lines.get(1));
    }

    @Test
    void closedOutput_printsAsTheRuntimeAgain() throws Exception {
        FunctionOutput output = logs.attach("echo", "openfaas-fn", "echo-1", loader);

        output.close();
        onThread(loader, () -> capture.out().println("after retirement"));

        assertEquals(List.of(), lines("echo"));
        assertEquals("after retirement\n", runtimeOut.toString(StandardCharsets.UTF_8));
    }

    @Test
    void logRecords_ofFunctionGoToItsLog_ofRuntimeLoggersToRuntimeErrorOnly() throws Exception {
        logs.attach("echo", "openfaas-fn", "echo-1", loader);
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        RoutingConsoleHandler handler = new RoutingConsoleHandler(capture, console);
        LogRecord function = new LogRecord(Level.INFO, "function record");
        function.setLoggerName("com.example.Function");
        LogRecord runtime = new LogRecord(Level.WARNING, "runtime record");
        runtime.setLoggerName("dev.faasjvm.runtime.registry.Replica");

        onThread(loader, () -> {
            handler.publish(function);
            handler.publish(runtime);
        });

        List<String> lines = lines("echo");
        assertAll(
                () -> assertTrue(lines.stream().anyMatch(line -> line.contains("INFO: function record")),
                        lines::toString),
                () -> assertTrue(lines.stream().noneMatch(line -> line.contains("runtime record")), lines::toString),
                () -> assertTrue(runtimeErr.toString(StandardCharsets.UTF_8).contains("runtime record")));
    }

    /** Every line of a function's log as {@code "<instance> <text>"}. */
    private List<String> lines(String function) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        try (LogStream stream = logs.stream(new LogRequest(function, "openfaas-fn", "", Instant.MIN, 0, false))) {
            while (!stream.isEnded()) {
                LogMessage message = stream.next(Duration.ZERO).orElseThrow();
                lines.add(message.instance() + " " + message.text());
            }
        }
        return lines;
    }

    private static void onThread(ClassLoader contextLoader, Runnable action) throws InterruptedException {
        Thread thread = new Thread(action);
        thread.setContextClassLoader(contextLoader);
        thread.start();
        thread.join(10_000);
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
