package dev.faasjvm.runtime.platform.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.faasjvm.runtime.loader.FunctionLoadException;
import dev.faasjvm.runtime.platform.PlatformDeployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lambda's handler resolution, ported from the cases of the runtime interface client's
 * {@code EventHandlerLoaderTest} (each handler answers {@code "success"} to the event {@code "Hello"},
 * once and from ten threads at once), plus its rules for choosing among overloads.
 */
final class LambdaHandlersTest {
    private static final byte[] EVENT = "\"Hello\"".getBytes(StandardCharsets.UTF_8);
    private static final LambdaJson JSON = LambdaJson.forLoader(LambdaHandlersTest.class.getClassLoader());
    private static final Context CONTEXT = new LambdaContext("id", new PlatformDeployment("f", 1, 128), "f-1-1",
            null, Clock.systemUTC(), FunctionLogLambdaLogger.INSTANCE);

    public static class RequestHandlerImpl implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String event, Context context) {
            return "success";
        }
    }

    public static class RequestStreamHandlerImpl implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write("\"success\"".getBytes(StandardCharsets.UTF_8));
        }
    }

    public static class PojoHandlerImpl {
        public String noParamsHandler() {
            return "success";
        }

        public String oneParamHandler_event(String event) {
            return "Hello".equals(event) ? "success" : "wrong event " + event;
        }

        public String oneParamHandler_context(Context context) {
            return context == null ? "no context" : "success";
        }

        public String twoParamsHandler(String event, Context context) {
            return "Hello".equals(event) && context != null ? "success" : "wrong arguments";
        }
    }

    /** Overloads Lambda chooses among by its priority order. */
    public static class Overloads {
        public String pick(String event) {
            return "event";
        }

        public String pick(String event, Context context) {
            return "event+context";
        }

        public String pick() {
            return "none";
        }

        public String streams(InputStream in, OutputStream out) throws IOException {
            out.write("\"in+out\"".getBytes(StandardCharsets.UTF_8));
            return "ignored";
        }

        public String streams(InputStream in) {
            return "in";
        }

        public void skipped(Context context, String event) {
        }

        public void skipped(String event, String other) {
        }

        public static String fromStatic(String event) {
            return "static";
        }

        public void nothing(String event) {
        }
    }

    /** The handlers of EventHandlerLoaderTest, as Lambda names them. */
    static List<String> handlers() {
        return List.of("RequestHandlerImpl", "RequestStreamHandlerImpl", "PojoHandlerImpl::noParamsHandler",
                "PojoHandlerImpl::oneParamHandler_event", "PojoHandlerImpl::oneParamHandler_context",
                "PojoHandlerImpl::twoParamsHandler");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlers")
    void handler_calledWithAnEvent_answersSuccess(String handler) throws Exception {
        Resolved resolved = resolve(handler);

        assertEquals("\"success\"", call(resolved));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlers")
    void handler_calledFromTenThreadsAtOnce_answersSuccessToEach(String handler) throws Exception {
        Resolved resolved = resolve(handler);
        ExecutorService executor = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();

        try {
            for (int i = 0; i < 10; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return call(resolved);
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertEquals("\"success\"", result.get(5, TimeUnit.SECONDS));
            }
        } finally {
            executor.shutdown();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Overloads::pick|\"event+context\"",
        "Overloads::streams|\"in+out\"",
        "Overloads::fromStatic|\"static\"",
        "Overloads::nothing|null"})
    void methodWithOverloads_isCalledAsLambdaChoosesIt(String handler, String expected) throws Exception {
        assertEquals(expected, call(resolve(handler)));
    }

    @Test
    void methodWithOnlySignaturesLambdaSkips_failsWithLambdasMessage() {
        FunctionLoadException e = assertThrows(FunctionLoadException.class, () -> resolve("Overloads::skipped"));

        assertEquals("No public method named skipped with appropriate method signature found on class "
                + Overloads.class.getName(), e.getMessage());
    }

    @Test
    void classWithoutAHandlerInterface_failsWithLambdasMessage() {
        FunctionLoadException e = assertThrows(FunctionLoadException.class, () -> resolve("Overloads"));

        assertEquals("Class does not implement an appropriate handler interface: " + Overloads.class.getName(),
                e.getMessage());
    }

    private record Resolved(Object instance, LambdaEntry entry) {
    }

    private static Resolved resolve(String handler) throws ReflectiveOperationException {
        String[] parts = handler.split("::");
        Class<?> type = Class.forName(LambdaHandlersTest.class.getName() + "$" + parts[0]);
        LambdaEntry entry = LambdaHandlers.resolve(type, parts.length > 1 ? parts[1] : "", JSON);
        return new Resolved(type.getConstructor().newInstance(), entry);
    }

    private static String call(Resolved resolved) throws Exception {
        return new String(resolved.entry().call(resolved.instance(), EVENT, CONTEXT), StandardCharsets.UTF_8);
    }
}
