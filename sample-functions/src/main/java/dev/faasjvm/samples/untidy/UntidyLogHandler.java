package dev.faasjvm.samples.untidy;

import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** A logging handler that drops every record: only its place on the root logger matters. */
final class UntidyLogHandler extends Handler {
    @Override
    public void publish(LogRecord record) {
        // dropped on purpose
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        // nothing to release
    }
}
