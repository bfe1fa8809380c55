package dev.faasjvm.runtime;

/**
 * Takes over SIGTERM, the normal way a service manager, Kubernetes or {@code docker stop} ends a
 * process. The JVM's own handling runs the shutdown hooks and then exits with 143 (128 + 15),
 * which those tools report as a failure; a runtime that stopped cleanly should exit 0. Uses
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}, in every JDK since 9): the JDK has no
 * supported way to choose the exit code of a signal.
 */
final class TermSignal {
    private TermSignal() {
    }

    /**
     * Runs {@code onTerm} on SIGTERM instead of the JVM's default; returns false where the
     * platform offers no SIGTERM (the shutdown hook still stops the runtime there).
     */
    static boolean install(Runnable onTerm) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> onTerm.run());
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }
}
