package dev.faasjvm.runtime.containment;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Opcodes;

/**
 * Which JDK members a function's code reaches through a per-function stub instead, and the stub's
 * method for each. A stub method takes the member's receiver (for an instance method), its
 * arguments, and the calling class, which tells it whose function the call is. Immutable.
 */
final class Redirects {
    static final String STUBS = "dev/faasjvm/runtime/containment/stubs/";
    static final String CLASS_DESC = "Ljava/lang/Class;";

    /** One redirect: the stub method that stands for a JDK member. */
    record Target(String owner, String name, String descriptor) {
    }

    private static final Map<String, Target> TARGETS = new HashMap<>();

    static {
        String system = "java/lang/System";
        staticMethod(system, "exit", "(I)V", "ContainedSystem");
        staticMethod(system, "setOut", "(Ljava/io/PrintStream;)V", "ContainedSystem");
        staticMethod(system, "setErr", "(Ljava/io/PrintStream;)V", "ContainedSystem");
        staticMethod(system, "setIn", "(Ljava/io/InputStream;)V", "ContainedSystem");
        staticMethod(system, "getenv", "()Ljava/util/Map;", "ContainedSystem");
        staticMethod(system, "getenv", "(Ljava/lang/String;)Ljava/lang/String;", "ContainedSystem");
        staticMethod(system, "getProperty", "(Ljava/lang/String;)Ljava/lang/String;", "ContainedSystem");
        staticMethod(system, "getProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                "ContainedSystem");
        staticMethod(system, "getProperties", "()Ljava/util/Properties;", "ContainedSystem");
        staticMethod(system, "setProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                "ContainedSystem");
        staticMethod(system, "clearProperty", "(Ljava/lang/String;)Ljava/lang/String;", "ContainedSystem");
        staticMethod(system, "setProperties", "(Ljava/util/Properties;)V", "ContainedSystem");
        TARGETS.put(key(Opcodes.GETSTATIC, system, "in", "Ljava/io/InputStream;"),
                new Target(STUBS + "ContainedSystem", "in", "(" + CLASS_DESC + ")Ljava/io/InputStream;"));

        String runtime = "java/lang/Runtime";
        instanceMethod(runtime, "exit", "(I)V", "ContainedRuntime");
        instanceMethod(runtime, "halt", "(I)V", "ContainedRuntime");
        instanceMethod(runtime, "addShutdownHook", "(Ljava/lang/Thread;)V", "ContainedRuntime");
        instanceMethod(runtime, "removeShutdownHook", "(Ljava/lang/Thread;)Z", "ContainedRuntime");

        String locale = "java/util/Locale";
        staticMethod(locale, "setDefault", "(Ljava/util/Locale;)V", "ContainedLocale");
        staticMethod(locale, "setDefault", "(Ljava/util/Locale$Category;Ljava/util/Locale;)V", "ContainedLocale");
        staticMethod(locale, "getDefault", "()Ljava/util/Locale;", "ContainedLocale");
        staticMethod(locale, "getDefault", "(Ljava/util/Locale$Category;)Ljava/util/Locale;", "ContainedLocale");

        staticMethod("java/util/TimeZone", "setDefault", "(Ljava/util/TimeZone;)V", "ContainedTimeZone");
        staticMethod("java/util/TimeZone", "getDefault", "()Ljava/util/TimeZone;", "ContainedTimeZone");
        staticMethod("java/time/ZoneId", "systemDefault", "()Ljava/time/ZoneId;", "ContainedTimeZone");

        staticMethod("java/lang/Thread", "setDefaultUncaughtExceptionHandler",
                "(Ljava/lang/Thread$UncaughtExceptionHandler;)V", "ContainedThread");
        staticMethod("java/lang/Thread", "getDefaultUncaughtExceptionHandler",
                "()Ljava/lang/Thread$UncaughtExceptionHandler;", "ContainedThread");
    }

    private Redirects() {
    }

    /**
     * The stub for an instruction, or {@code null}: {@code opcode} is {@code INVOKESTATIC},
     * {@code INVOKEVIRTUAL} or {@code GETSTATIC}.
     */
    static Target of(int opcode, String owner, String name, String descriptor) {
        return TARGETS.get(key(opcode, owner, name, descriptor));
    }

    private static void staticMethod(String owner, String name, String descriptor, String stub) {
        TARGETS.put(key(Opcodes.INVOKESTATIC, owner, name, descriptor),
                new Target(STUBS + stub, name, withCaller(descriptor, "")));
    }

    private static void instanceMethod(String owner, String name, String descriptor, String stub) {
        TARGETS.put(key(Opcodes.INVOKEVIRTUAL, owner, name, descriptor),
                new Target(STUBS + stub, name, withCaller(descriptor, "L" + owner + ";")));
    }

    /** {@code (args)ret} becomes {@code (receiver args Class)ret}. */
    private static String withCaller(String descriptor, String receiver) {
        int close = descriptor.indexOf(')');
        return "(" + receiver + descriptor.substring(1, close) + CLASS_DESC + descriptor.substring(close);
    }

    private static String key(int opcode, String owner, String name, String descriptor) {
        return opcode + " " + owner + "." + name + descriptor;
    }
}
