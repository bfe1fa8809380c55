package dev.faasjvm.runtime.containment.stubs;

import dev.faasjvm.runtime.containment.Containment;
import dev.faasjvm.runtime.logs.OutputCapture;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

/**
 * What a function's rewritten classes call instead of {@code java.lang.System}'s JVM-wide
 * members; each method takes the calling class last, which names the function. Not for direct use.
 */
public final class ContainedSystem {
    private ContainedSystem() {
    }

    public static void exit(int status, Class<?> caller) {
        throw Containment.of(caller).exitAttempt("System.exit", status, caller);
    }

    /** From now on the function's threads print to {@code stream}; the runtime and other functions keep theirs. */
    public static void setOut(PrintStream stream, Class<?> caller) {
        OutputCapture.global().replace(caller.getClassLoader(), false, stream);
    }

    public static void setErr(PrintStream stream, Class<?> caller) {
        OutputCapture.global().replace(caller.getClassLoader(), true, stream);
    }

    public static void setIn(InputStream stream, Class<?> caller) {
        Containment.of(caller).setIn(stream);
    }

    /** Stands for reading the field {@code System.in}. */
    public static InputStream in(Class<?> caller) {
        return Containment.of(caller).in();
    }

    public static Map<String, String> getenv(Class<?> caller) {
        return Containment.of(caller).environment();
    }

    public static String getenv(String name, Class<?> caller) {
        return Containment.of(caller).environment().get(java.util.Objects.requireNonNull(name, "name"));
    }

    public static String getProperty(String key, Class<?> caller) {
        return Containment.of(caller).property(key);
    }

    public static String getProperty(String key, String fallback, Class<?> caller) {
        String value = Containment.of(caller).property(key);
        return value == null ? fallback : value;
    }

    public static Properties getProperties(Class<?> caller) {
        return Containment.of(caller).properties();
    }

    public static String setProperty(String key, String value, Class<?> caller) {
        return Containment.of(caller).setProperty(key, value);
    }

    public static String clearProperty(String key, Class<?> caller) {
        return Containment.of(caller).clearProperty(key);
    }

    public static void setProperties(Properties properties, Class<?> caller) {
        Containment.of(caller).setProperties(properties);
    }

    /**
     * The class that called this method: stands for the calling class in class files older than
     * Java 5, which cannot name a class as a constant.
     */
    public static Class<?> callerClass() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
    }
}
