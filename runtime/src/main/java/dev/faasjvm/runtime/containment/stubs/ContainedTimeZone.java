package dev.faasjvm.runtime.containment.stubs;

import dev.faasjvm.runtime.containment.Containment;
import java.time.ZoneId;
import java.util.TimeZone;

/**
 * What a function's rewritten classes call instead of {@code TimeZone.getDefault},
 * {@code TimeZone.setDefault} and {@code ZoneId.systemDefault}. Not for direct use.
 */
public final class ContainedTimeZone {
    private ContainedTimeZone() {
    }

    public static TimeZone getDefault(Class<?> caller) {
        return Containment.of(caller).timeZone();
    }

    public static void setDefault(TimeZone zone, Class<?> caller) {
        Containment.of(caller).setTimeZone(zone);
    }

    public static ZoneId systemDefault(Class<?> caller) {
        return Containment.of(caller).zoneId();
    }
}
