package dev.faasjvm.runtime.registry;

import java.lang.System.Logger.Level;

/**
 * What becomes of a handler instance whose constructor returned after its construction had
 * already failed (timed out, or cancelled by a DELETE): nobody will call it, so if it holds
 * resources ({@link AutoCloseable}) it is closed at once, with its function's loader as context
 * loader, as a retiring replica's handler is. Stateless.
 */
final class LateInstances {
    private static final System.Logger LOG = System.getLogger(LateInstances.class.getName());

    private LateInstances() {
    }

    static void close(Object instance, ClassLoader loader, ReplicaContext context) {
        if (!(instance instanceof AutoCloseable)) {
            return;
        }
        Replica.withLoader(loader, () -> {
            try {
                ((AutoCloseable) instance).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, () -> "Function " + context.functionName() + "." + context.namespace()
                        + ": close() of the late handler of replica " + context.replicaId() + " threw", e);
            }
            return null;
        });
    }
}
