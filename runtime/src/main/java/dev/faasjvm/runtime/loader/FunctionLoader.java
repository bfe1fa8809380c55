package dev.faasjvm.runtime.loader;

import dev.faasjvm.runtime.artifact.ArtifactException;
import dev.faasjvm.runtime.artifact.ArtifactStore;
import dev.faasjvm.runtime.artifact.ResolvedArtifact;
import dev.faasjvm.runtime.unload.LeakDetector;
import dev.faasjvm.runtime.containment.Containment;
import dev.faasjvm.runtime.containment.FunctionEnvironment;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Loads functions: resolves an image to its JARs through the {@link ArtifactStore}, builds an
 * isolated {@link FunctionClassLoader} under the shared {@link ApiOnlyClassLoader}, and finds the
 * handler class. On any failure the loader built so far is closed and the artifact released, so
 * nothing stays loaded. Loaded functions report their retired loaders to the {@link LeakDetector}.
 * A {@code class:} image names a handler class the embedding application registered
 * ({@link #registerInProcess(Class)}) and is not isolated. Thread-safe.
 */
public final class FunctionLoader {
    private final ApiOnlyClassLoader apiOnly = new ApiOnlyClassLoader();
    private final ArtifactStore artifacts;
    private final LeakDetector leaks;
    private final InProcessClasses inProcess = new InProcessClasses();

    public FunctionLoader(ArtifactStore artifacts, LeakDetector leaks) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.leaks = Objects.requireNonNull(leaks, "leaks");
    }

    /**
     * Makes a handler class of the caller's own class path deployable, and answers the image that
     * names it ({@code class:com.example.Hello}). The function then runs in that class's loader,
     * sharing the caller's classes: it is not isolated.
     *
     * @throws FunctionLoadException if the class is not a handler the runtime can construct
     */
    public String registerInProcess(Class<?> handlerClass) {
        return inProcess.register(handlerClass);
    }

    /**
     * Loads one generation of a function.
     *
     * @param function the function, as {@code name.namespace}
     * @param generation the generation's number, unique in this runtime
     * @param image the deployment's image (see the artifact package for what it may be)
     * @param envProcess the handler class to use, or empty to find it
     * @throws FunctionLoadException naming the image or class and the cause
     */
    public LoadedFunction load(String function, int generation, String image, String envProcess) {
        return load(function, generation, image, envProcess,
                new Containment(function, generation, FunctionEnvironment.defaults().with(Map.of()), null));
    }

    /**
     * Loads one generation of a function whose classes run under {@code containment}: their
     * calls that act on the whole JVM act on it instead.
     *
     * @throws FunctionLoadException naming the image or class and the cause
     */
    public LoadedFunction load(String function, int generation, String image, String envProcess,
            Containment containment) {
        if (InProcessClasses.names(image)) {
            return inProcess.load(function, generation, image);
        }
        ResolvedArtifact artifact;
        try {
            artifact = artifacts.resolve(image);
        } catch (ArtifactException e) {
            throw new FunctionLoadException(e.getMessage(), e);
        }
        FunctionClassLoader loader = null;
        try {
            loader = new FunctionClassLoader("function:" + function + "#" + generation, urls(artifact), apiOnly,
                    artifact.jars(), containment);
            HandlerClass handler = HandlerScanner.find(artifact.jars(), loader, envProcess);
            return new LoadedFunction(function, generation, loader, handler, artifact, leaks);
        } catch (IOException e) {
            artifact.release();
            throw new FunctionLoadException("Cannot open the JARs of " + image + ": " + e.getMessage(), e);
        } catch (FunctionLoadException e) {
            if (loader != null) {
                LoadedFunction.closeQuietly(loader, e);
            }
            artifact.release();
            // The JAR may be the cache's copy, named by its hash: name the image the user gave.
            throw e.getMessage().startsWith(HandlerScanner.MANIFEST_PROBLEM)
                    ? new FunctionLoadException("Image \"" + image + "\": " + e.getMessage(), e) : e;
        } catch (RuntimeException | Error e) {
            if (loader != null) {
                LoadedFunction.closeQuietly(loader, e);
            }
            artifact.release();
            throw e;
        }
    }

    private static URL[] urls(ResolvedArtifact artifact) {
        URL[] urls = new URL[artifact.jars().size()];
        for (int i = 0; i < urls.length; i++) {
            Path jar = artifact.jars().get(i);
            try {
                urls[i] = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new FunctionLoadException("Cannot turn " + jar + " into a URL", e);
            }
        }
        return urls;
    }
}
