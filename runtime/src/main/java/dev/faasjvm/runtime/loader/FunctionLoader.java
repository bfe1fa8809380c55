package dev.faasjvm.runtime.loader;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads functions: resolves an image to its JAR, builds an isolated {@link FunctionClassLoader}
 * under the shared {@link ApiOnlyClassLoader}, and finds the handler class. On any failure the
 * loader built so far is closed, so nothing stays loaded. Thread-safe.
 */
public final class FunctionLoader {
    private final ApiOnlyClassLoader apiOnly = new ApiOnlyClassLoader();

    /**
     * Loads one generation of a function.
     *
     * @param loaderName the name of the new class loader, e.g. {@code function:echo.openfaas-fn#1}
     * @param image the deployment's image: a {@code file:} URL or an absolute path to a JAR
     * @param envProcess the handler class to use, or empty to find it
     * @throws FunctionLoadException naming the image or class and the cause
     */
    public LoadedFunction load(String loaderName, String image, String envProcess) {
        Path jar = Artifacts.resolve(image);
        FunctionClassLoader loader = new FunctionClassLoader(loaderName, new URL[] {toUrl(jar)}, apiOnly);
        try {
            HandlerClass handler = HandlerScanner.find(List.of(jar), loader, envProcess);
            return new LoadedFunction(loader, handler);
        } catch (RuntimeException | Error e) {
            LoadedFunction.closeQuietly(loader, e);
            throw e;
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new FunctionLoadException("Cannot turn " + jar + " into a URL", e);
        }
    }
}
