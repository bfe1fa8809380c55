package dev.faasjvm.runtime.loader;

import dev.faasjvm.runtime.artifact.ResolvedArtifact;
import dev.faasjvm.runtime.unload.FunctionThreads;
import dev.faasjvm.runtime.unload.JulHandlers;
import dev.faasjvm.runtime.unload.LeakDetector;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One loaded generation of a function: its class loader and handler class. Closing it unloads the
 * function: stops the threads it started, deregisters its JDBC drivers, removes its logging
 * handlers, closes the loader's JAR files, gives its artifact back to the cache and hands the
 * loader to the {@link LeakDetector}. Close it only after every call using its classes has
 * finished and its handlers are closed; closing twice does nothing. A function deployed from a
 * class already on the embedding application's class path has no loader of its own: it runs in
 * that class's loader, which closing leaves alone. Thread-safe.
 */
public final class LoadedFunction implements AutoCloseable {
    /** How long the function's own threads get to end after they are interrupted. */
    static final Duration THREAD_STOP_WAIT = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(LoadedFunction.class.getName());

    private final String function;
    private final int generation;
    /** The function's own loader; {@code null} for a class of the embedding application's class path. */
    private final FunctionClassLoader loader;
    private final ClassLoader callLoader;
    private final HandlerClass handler;
    private final ResolvedArtifact artifact;
    private final LeakDetector leaks;
    private final boolean neverBlocks;
    private final AtomicBoolean closed = new AtomicBoolean();

    LoadedFunction(String function, int generation, FunctionClassLoader loader, HandlerClass handler,
            ResolvedArtifact artifact, LeakDetector leaks) {
        this.function = Objects.requireNonNull(function, "function");
        this.generation = generation;
        this.loader = Objects.requireNonNull(loader, "loader");
        this.callLoader = loader;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.artifact = Objects.requireNonNull(artifact, "artifact");
        this.leaks = Objects.requireNonNull(leaks, "leaks");
        this.neverBlocks = FunctionManifest.declaresNeverBlocks(artifact.jars());
    }

    /** A function whose handler class came from the embedding application's own class path. */
    LoadedFunction(String function, int generation, HandlerClass inProcess) {
        this.function = Objects.requireNonNull(function, "function");
        this.generation = generation;
        this.loader = null;
        this.callLoader = inProcess.type().getClassLoader();
        this.handler = inProcess;
        this.artifact = null;
        this.leaks = null;
        this.neverBlocks = false;
    }

    public ClassLoader loader() {
        return callLoader;
    }

    /** Whether the class loader is the function's own, not the embedding application's. */
    public boolean isIsolated() {
        return loader != null;
    }

    /** Whether the function's manifest declares that its calls never block ({@code FaaS-Never-Blocks: true}). */
    public boolean declaresNeverBlocks() {
        return neverBlocks;
    }

    public HandlerClass handler() {
        return handler;
    }

    /**
     * The SHA-256 of the cached artifact the function was loaded from; empty for a JAR used in
     * place and for a class of the runtime's own class path.
     */
    public Optional<String> artifactSha256() {
        return artifact == null ? Optional.empty() : artifact.sha256();
    }

    /** Unloads the function; never throws, since the function's state must not stop its own removal. */
    @Override
    public void close() {
        unload();
    }

    /** Unloads the function, once, and answers what was cleaned up (nothing on a second call). */
    UnloadReport unload() {
        if (!closed.compareAndSet(false, true) || loader == null) {
            // Closed already, or the embedding application's loader: not ours to unload.
            return new UnloadReport(new FunctionThreads.Outcome(List.of(), List.of()), List.of(), List.of());
        }
        // Its shutdown hooks run first, as at a JVM's exit, while its classes can still load.
        loader.containment().runShutdownHooks(THREAD_STOP_WAIT);
        FunctionThreads.Outcome threads = FunctionThreads.stop(loader, THREAD_STOP_WAIT);
        List<String> drivers = loader.deregisterJdbcDrivers();
        List<String> logHandlers = loader.hasLoaded("java.util.logging.Handler") ? JulHandlers.remove(loader) : List.of();
        UnloadReport report = new UnloadReport(threads, drivers, logHandlers);
        log(report);
        try {
            loader.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, () -> "Function " + function + ": cannot close class loader " + loader.getName(), e);
        }
        artifact.release();
        leaks.track(function, generation, loader);
        return report;
    }

    /**
     * How many threads survived and the first ten names: a function that started 7,000 threads
     * once put every name on one log line (issue 10).
     */
    static String survivors(List<String> names) {
        int shown = Math.min(10, names.size());
        return names.size() + (names.size() == 1 ? " thread " : " threads ") + String.join(", ",
                names.subList(0, shown)) + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "")
                + (names.size() == 1 ? " is" : " are");
    }

    private void log(UnloadReport report) {
        FunctionThreads.Outcome threads = report.threads();
        List<String> drivers = report.jdbcDrivers();
        List<String> logHandlers = report.logHandlers();
        String name = "Function " + function + " generation " + generation;
        LOG.log(Level.DEBUG, () -> name + ": interrupted threads " + threads.interrupted());
        if (!threads.survivors().isEmpty()) {
            LOG.log(Level.WARNING, () -> name + ": " + survivors(threads.survivors()) + " still running "
                    + THREAD_STOP_WAIT.toMillis() + " ms after an interrupt, which keeps the function's"
                    + " classes loaded");
        }
        if (!drivers.isEmpty()) {
            LOG.log(Level.INFO, () -> name + ": deregistered JDBC drivers " + drivers);
        }
        if (!logHandlers.isEmpty()) {
            LOG.log(Level.INFO, () -> name + ": removed java.util.logging handlers " + logHandlers);
        }
    }

    /** Closes a loader whose function never ran, adding any failure to {@code primary}. */
    static void closeQuietly(FunctionClassLoader loader, Throwable primary) {
        try {
            loader.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
