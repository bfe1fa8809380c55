package dev.faasjvm.runtime.containment.stubs;

import dev.faasjvm.runtime.containment.Containment;

/**
 * What a function's rewritten classes call instead of {@code Runtime.exit}, {@code Runtime.halt}
 * and the shutdown-hook methods; each takes the receiver first and the calling class last. Not
 * for direct use.
 */
public final class ContainedRuntime {
    private ContainedRuntime() {
    }

    public static void exit(Runtime runtime, int status, Class<?> caller) {
        throw Containment.of(caller).exitAttempt("Runtime.exit", status, caller);
    }

    public static void halt(Runtime runtime, int status, Class<?> caller) {
        throw Containment.of(caller).exitAttempt("Runtime.halt", status, caller);
    }

    /** The hook runs when the function is unloaded (or the runtime stops), not when the JVM exits. */
    public static void addShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
        Containment.of(caller).addShutdownHook(hook);
    }

    public static boolean removeShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
        return Containment.of(caller).removeShutdownHook(hook);
    }
}
