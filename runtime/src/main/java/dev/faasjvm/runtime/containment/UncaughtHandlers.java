package dev.faasjvm.runtime.containment;

/**
 * The JVM-wide default uncaught-exception handler that hands each uncaught exception to the
 * handler of the function whose thread threw it (found by the thread's context class loader), and
 * every other one to the handler that was the default before, or to the JDK's own behaviour
 * (print it to standard error). Installed once, the first time a function sets a handler of its
 * own, so a runtime whose functions never do keeps the JVM's default untouched. Thread-safe.
 */
final class UncaughtHandlers implements Thread.UncaughtExceptionHandler {
    private static UncaughtHandlers installed; // guarded by UncaughtHandlers.class

    private final Thread.UncaughtExceptionHandler previous;

    private UncaughtHandlers(Thread.UncaughtExceptionHandler previous) {
        this.previous = previous;
    }

    static synchronized void install() {
        if (installed == null || Thread.getDefaultUncaughtExceptionHandler() != installed) {
            installed = new UncaughtHandlers(Thread.getDefaultUncaughtExceptionHandler());
            Thread.setDefaultUncaughtExceptionHandler(installed);
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        Containment function = Containment.ofThread(thread);
        Thread.UncaughtExceptionHandler handler = function == null ? null : function.uncaughtHandler();
        if (handler != null) {
            handler.uncaughtException(thread, failure);
        } else if (previous != null) {
            previous.uncaughtException(thread, failure);
        } else {
            // What ThreadGroup.uncaughtException does when there is no default handler.
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            failure.printStackTrace(System.err);
        }
    }
}
