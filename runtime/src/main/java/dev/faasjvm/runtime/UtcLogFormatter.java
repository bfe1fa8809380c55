package dev.faasjvm.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The runtime's log line: {@code 2026-01-31T12:00:00.123Z LEVEL source: message}, the instant
 * always in UTC. Why not {@code SimpleFormatter} with a pattern: it formats in the JVM's default
 * time zone, so the literal {@code Z} was a lie under {@code TZ=America/New_York}, and any function
 * calling {@code TimeZone.setDefault} moved every runtime timestamp (issue 10). Thread-safe.
 */
final class UtcLogFormatter extends Formatter {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        String source = record.getSourceClassName() == null ? record.getLoggerName()
                : record.getSourceClassName() + (record.getSourceMethodName() == null ? ""
                        : " " + record.getSourceMethodName());
        StringBuilder line = new StringBuilder(INSTANT.format(record.getInstant())).append(' ')
                .append(record.getLevel().getLocalizedName()).append(' ').append(source).append(": ")
                .append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(trace.toString().stripTrailing());
        }
        return line.append(System.lineSeparator()).toString();
    }
}
