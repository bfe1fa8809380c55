package dev.faasjvm.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.functions.Context;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.RawBackgroundFunction;
import dev.faasjvm.runtime.testing.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How handlers of the other platforms' kinds are named and found (issue 14). */
final class HandlerScannerTest {
    /** An event function: Google's invoker runs it on a trigger, which faas-jvm does not have. */
    public static final class OnEvent implements RawBackgroundFunction {
        @Override
        public void accept(String json, Context context) {
        }
    }

    /** An HTTP function, found by scanning. */
    public static final class OnHttp implements HttpFunction {
        @Override
        public void service(HttpRequest request, HttpResponse response) {
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "com.openfaas.entrypoint.App",
        "java -XX:+UseContainerSupport com.openfaas.entrypoint.App",
        "  java -cp /home/app/entrypoint-1.0/lib/* com.openfaas.entrypoint.App "})
    void namesOpenFaasEntrypoint_theTemplatesFprocess_isRecognised(String envProcess) {
        assertTrue(HandlerScanner.namesOpenFaasEntrypoint(envProcess));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "com.openfaas.function.Handler", "com.openfaas.entrypoint.App.Other"})
    void namesOpenFaasEntrypoint_anythingElse_isNot(String envProcess) {
        assertFalse(HandlerScanner.namesOpenFaasEntrypoint(envProcess));
    }

    @Test
    void scan_onlyAnEventFunction_isRejectedNamingWhatIsMissing(@TempDir Path dir) throws IOException {
        Path jar = jarOf(dir, OnEvent.class);

        FunctionLoadException e = assertThrows(FunctionLoadException.class,
                () -> HandlerScanner.find(List.of(jar), loaderOf(jar), ""));

        assertTrue(e.getMessage().contains(OnEvent.class.getName() + " (a RawBackgroundFunction)"), e.getMessage());
        assertTrue(e.getMessage().contains("the runtime provides only HttpFunction"), e.getMessage());
    }

    @Test
    void scan_anHttpFunction_isFoundAsAGoogleCloudFunction(@TempDir Path dir) throws IOException {
        Path jar = jarOf(dir, OnHttp.class);

        HandlerClass handler = HandlerScanner.find(List.of(jar), loaderOf(jar), "");

        assertEquals(OnHttp.class.getName(), handler.type().getName());
        assertEquals(HandlerKind.GCF_HTTP, handler.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"::handle", "example.Hello::", "example.Hello::a.b"})
    void envProcess_malformedLambdaName_isRejectedWithAnExample(String envProcess, @TempDir Path dir)
            throws IOException {
        Path jar = jarOf(dir, OnHttp.class);

        FunctionLoadException e = assertThrows(FunctionLoadException.class,
                () -> HandlerScanner.find(List.of(jar), loaderOf(jar), envProcess));

        assertTrue(e.getMessage().contains("is not a Lambda handler name"), e.getMessage());
    }

    private static Path jarOf(Path dir, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            return Files.write(dir.resolve("f.jar"), Zips.of(Map.of(entry, in.readAllBytes())));
        }
    }

    private static ClassLoader loaderOf(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, new ApiOnlyClassLoader());
    }
}
