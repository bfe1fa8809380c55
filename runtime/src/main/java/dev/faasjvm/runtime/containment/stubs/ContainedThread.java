package dev.faasjvm.runtime.containment.stubs;

import dev.faasjvm.runtime.containment.Containment;

/**
 * What a function's rewritten classes call instead of {@code Thread}'s default uncaught-exception
 * handler getter and setter: the handler is the function's, for its own threads. Not for direct use.
 */
public final class ContainedThread {
    private ContainedThread() {
    }

    public static void setDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler, Class<?> caller) {
        Containment.of(caller).setUncaughtHandler(handler);
    }

    public static Thread.UncaughtExceptionHandler getDefaultUncaughtExceptionHandler(Class<?> caller) {
        return Containment.of(caller).uncaughtHandler();
    }
}
