package dev.faasjvm.runtime.wire;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the way OpenFaaS does (faas-provider's {@code types.ParseIntOrDuration}): a
 * whole number is seconds, anything else is a Go duration such as {@code 500ms}, {@code 60s} or
 * {@code 1m30s}. Stateless and thread-safe.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * Parses {@code text}, e.g. {@code 30}, {@code 30s}, {@code 1m30s}, {@code 250ms}.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Duration parse(String text) {
        String value = text.strip();
        if (value.matches("-?\\d+")) {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                throw new IllegalArgumentException("\"" + text + "\" is negative; a duration must be 0 or more");
            }
            return Duration.ofSeconds(seconds);
        }
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher part = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            total = total.plus(unit(Double.parseDouble(part.group(1)), part.group(2)));
            end = part.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("\"" + text
                    + "\" is not a duration: use whole seconds (30) or a Go duration (500ms, 30s, 1m30s)");
        }
        return total;
    }

    /**
     * Writes {@code duration} as Go's {@code time.Duration.String()} does, e.g. {@code 1s},
     * {@code 1m30s}, {@code 250ms}: the form users write in flags and env vars, so messages echo
     * it rather than Java's {@code PT1M30S}.
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        nanos = Math.abs(nanos);
        if (nanos < 1_000) {
            return sign + nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return sign + decimal(nanos, 1_000) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return sign + decimal(nanos, 1_000_000) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        String seconds = decimal(nanos % 60_000_000_000L, 1_000_000_000) + "s";
        return sign + (hours > 0 ? hours + "h" + minutes + "m" : minutes > 0 ? minutes + "m" : "") + seconds;
    }

    private static String decimal(long amount, long unit) {
        long whole = amount / unit;
        long fraction = amount % unit;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + fraction).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
    }

    private static Duration unit(double amount, String unit) {
        double nanosPerUnit;
        switch (unit) {
            case "ns": nanosPerUnit = 1; break;
            case "us":
            case "µs": nanosPerUnit = 1e3; break;
            case "ms": nanosPerUnit = 1e6; break;
            case "s": nanosPerUnit = 1e9; break;
            case "m": nanosPerUnit = 60e9; break;
            default: nanosPerUnit = 3600e9; break;
        }
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }
}
