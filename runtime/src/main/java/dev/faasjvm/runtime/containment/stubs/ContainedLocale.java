package dev.faasjvm.runtime.containment.stubs;

import dev.faasjvm.runtime.containment.Containment;
import java.util.Locale;

/** What a function's rewritten classes call instead of {@code Locale}'s default getters and setters. Not for direct use. */
public final class ContainedLocale {
    private ContainedLocale() {
    }

    public static Locale getDefault(Class<?> caller) {
        return Containment.of(caller).locale();
    }

    public static Locale getDefault(Locale.Category category, Class<?> caller) {
        return Containment.of(caller).locale(category);
    }

    public static void setDefault(Locale locale, Class<?> caller) {
        Containment.of(caller).setLocale(locale);
    }

    public static void setDefault(Locale.Category category, Locale locale, Class<?> caller) {
        Containment.of(caller).setLocale(category, locale);
    }
}
