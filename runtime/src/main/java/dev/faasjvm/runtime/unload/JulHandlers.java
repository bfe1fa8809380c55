package dev.faasjvm.runtime.unload;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Removes, and closes, the {@code java.util.logging} handlers whose class a function's loader
 * defined: the JDK's {@code LogManager} would otherwise keep them, and with them the loader, for
 * the life of the JVM. Stateless and thread-safe.
 */
public final class JulHandlers {
    private static final System.Logger LOG = System.getLogger(JulHandlers.class.getName());

    private JulHandlers() {
    }

    /** Removes {@code loader}'s handlers from every logger; answers "logger: handler class" for each. */
    public static List<String> remove(ClassLoader loader) {
        LogManager manager = LogManager.getLogManager();
        List<String> removed = new ArrayList<>();
        for (String name : Collections.list(manager.getLoggerNames())) {
            Logger logger = manager.getLogger(name);
            if (logger == null) {
                continue;
            }
            for (Handler handler : logger.getHandlers()) {
                if (handler.getClass().getClassLoader() == loader) {
                    logger.removeHandler(handler);
                    close(handler);
                    removed.add((name.isEmpty() ? "root logger" : name) + ": " + handler.getClass().getName());
                }
            }
        }
        return removed;
    }

    private static void close(Handler handler) {
        try {
            handler.close();
        } catch (RuntimeException | LinkageError e) { // the function's own code: its failure must not stop the unload
            LOG.log(Level.WARNING, () -> "close() of logging handler " + handler.getClass().getName() + " threw", e);
        }
    }
}
