package dev.faasjvm.runtime.containment;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The cheap test before a rewrite: whether a class file's constant pool names one of the classes
 * whose calls are redirected ({@code java/lang/System}, {@code java/lang/Runtime},
 * {@code java/util/Locale}, {@code java/util/TimeZone}, {@code java/time/ZoneId}) or one of the
 * {@code Thread} methods that set the JVM-wide uncaught-exception handler. A class that names
 * none of them cannot call them (every call site names its owner there), so it is defined as it
 * came, without being parsed. One pass over the pool, no allocation. Stateless.
 */
final class ConstantPoolScan {
    private static final byte[][] NAMES = List.of("java/lang/System", "java/lang/Runtime", "java/util/Locale",
            "java/util/TimeZone", "java/time/ZoneId", "setDefaultUncaughtExceptionHandler",
            "getDefaultUncaughtExceptionHandler").stream()
            .map(name -> name.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final int UTF8 = 1;

    private ConstantPoolScan() {
    }

    /**
     * Whether the class may call something to redirect; also true for bytes that are not a
     * class file this scan understands, so that the full parse decides.
     */
    static boolean mayNeedRewrite(byte[] bytes) {
        try {
            return scan(bytes);
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return true;
        }
    }

    private static boolean scan(byte[] bytes) {
        if (bytes.length < 10 || u4(bytes, 0) != 0xCAFEBABE) {
            return true;
        }
        int count = u2(bytes, 8);
        int at = 10;
        for (int index = 1; index < count; index++) {
            int tag = bytes[at];
            switch (tag) {
                case UTF8 -> {
                    int length = u2(bytes, at + 1);
                    if (matches(bytes, at + 3, length)) {
                        return true;
                    }
                    at += 3 + length;
                }
                case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
                case 15 -> at += 4; // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> { // Long, Double take two slots
                    at += 9;
                    index++;
                }
                default -> {
                    return true; // a tag this scan does not know: let the parser decide
                }
            }
        }
        return false;
    }

    private static boolean matches(byte[] bytes, int offset, int length) {
        for (byte[] name : NAMES) {
            if (name.length == length && regionEquals(bytes, offset, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEquals(byte[] bytes, int offset, byte[] name) {
        for (int i = name.length - 1; i >= 0; i--) {
            if (bytes[offset + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static int u4(byte[] bytes, int at) {
        return (u2(bytes, at) << 16) | u2(bytes, at + 2);
    }
}
