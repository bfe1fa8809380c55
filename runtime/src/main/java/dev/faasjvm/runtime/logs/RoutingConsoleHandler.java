package dev.faasjvm.runtime.logs;

import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Stands in for the root logger's {@code ConsoleHandler}, with its level, formatter and filter: a
 * {@code java.util.logging} record from a function's thread goes, formatted, to the function's log
 * through the routed {@code System.err}, like anything else the function prints; every other
 * record, and any record of the runtime's own loggers wherever it is logged, goes to the runtime's
 * standard error as the console handler would have written it. Thread-safe.
 */
final class RoutingConsoleHandler extends Handler {
    /** Loggers of the runtime itself, never attributed to a function even on a replica thread. */
    private static final String RUNTIME_LOGGERS = "dev.faasjvm.runtime.";

    private final OutputCapture capture;

    RoutingConsoleHandler(OutputCapture capture, Handler replaced) {
        this.capture = capture;
        setLevel(replaced.getLevel());
        setFormatter(replaced.getFormatter());
        setFilter(replaced.getFilter());
    }

    boolean routesTo(OutputCapture target) {
        return capture == target;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String text;
        try {
            text = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("Cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        String logger = record.getLoggerName();
        if (logger != null && logger.startsWith(RUNTIME_LOGGERS) || capture.current() == null) {
            capture.runtimeError(text);
        } else {
            capture.err().print(text);
            capture.err().flush();
        }
    }

    @Override
    public void flush() {
        capture.err().flush();
    }

    @Override
    public void close() {
        flush();
    }
}
