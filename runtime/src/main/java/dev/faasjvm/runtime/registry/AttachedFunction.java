package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.containment.Containment;
import dev.faasjvm.runtime.loader.LoadedFunction;
import dev.faasjvm.runtime.logs.FunctionOutput;
import dev.faasjvm.runtime.wire.FunctionDeployment;

/**
 * A loaded function together with the output its threads print to: a generation gets one each
 * time it loads its JAR (at deploy, and again when its class loader was evicted while at zero
 * replicas), and the two live and die together, so that what the function's threads print while
 * they stop is still its own. Immutable; closing is not idempotent (close once, as
 * {@link LoadedFunction} is).
 *
 * @param function the class loader and handler class
 * @param output where the threads of that class loader print
 */
record AttachedFunction(LoadedFunction function, FunctionOutput output) implements AutoCloseable {

    /**
     * Loads the deployment's JAR and attaches its output to the function's log before any of its
     * code runs. {@code image} is the spec's image, or it pinned to an artifact hash on restore. If
     * attaching fails the loader is closed again.
     */
    static AttachedFunction load(Services services, FunctionKey key, int number, String image,
            FunctionDeployment spec) {
        Containment containment = new Containment(key.toString(), number,
                services.config().functionEnvironment().with(spec.envVars()),
                services.accounts().of(key.name(), key.namespace()));
        LoadedFunction loaded = services.loader().load(key.toString(), number, image, spec.envProcess(), containment);
        try {
            FunctionOutput output = services.logs().attach(key.name(), key.namespace(), key.name() + "-" + number,
                    loaded.loader(), loaded.isIsolated());
            return new AttachedFunction(loaded, output);
        } catch (RuntimeException | Error e) {
            loaded.close();
            throw e;
        }
    }

    /** Unloads the function, then stops attributing its threads' output to it. */
    @Override
    public void close() {
        try {
            function.close();
        } finally {
            // After the unload, so what the function's threads print as they stop is still its own.
            output.close();
        }
    }
}
