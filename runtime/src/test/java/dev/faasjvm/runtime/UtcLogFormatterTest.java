package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Runtime log timestamps are UTC whatever the default time zone (issue 10). */
final class UtcLogFormatterTest {

    @Test
    void format_underAnotherDefaultTimeZone_writesTheInstantInUtc() {
        TimeZone previous = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            LogRecord record = new LogRecord(Level.WARNING, "careful");
            record.setInstant(Instant.parse("2026-01-31T12:00:00.123Z"));
            record.setLoggerName("dev.faasjvm.runtime.X");

            String line = new UtcLogFormatter().format(record);

            assertTrue(line.startsWith("2026-01-31T12:00:00.123Z WARNING dev.faasjvm.runtime.X: careful"), line);
        } finally {
            TimeZone.setDefault(previous);
        }
    }
}
