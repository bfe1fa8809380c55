package dev.faasjvm.runtime.containment;

import java.lang.System.Logger.Level;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Rewrites a function's class as its class loader defines it, so that what it does to the whole
 * JVM ({@code System.exit}, {@code System.setOut}, {@code System.getenv}, system properties,
 * default locale and time zone, shutdown hooks, the default uncaught-exception handler) goes to
 * its own per-function stand-ins. A class whose constant pool names none of the JDK classes
 * involved is answered unchanged without being parsed ({@link ConstantPoolScan}); so is one that
 * names them without calling a redirected member. A class the rewriter cannot read (a class-file
 * version newer than it knows) is defined unchanged, with a warning, rather than failing the
 * function. Thread-safe and stateless.
 */
public final class ClassRewriter {
    private static final System.Logger LOG = System.getLogger(ClassRewriter.class.getName());

    private ClassRewriter() {
    }

    /**
     * The bytes to define for a class: {@code bytes} itself when nothing needed redirecting.
     *
     * @param function who the class belongs to, for the warning if it cannot be rewritten
     */
    public static byte[] rewrite(String className, byte[] bytes, String function) {
        if (!ConstantPoolScan.mayNeedRewrite(bytes)) {
            return bytes;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            // Frames stay valid: the calling class is pushed and consumed between two frames.
            ClassWriter writer = new ClassWriter(reader, 0);
            CallSiteRewriter rewriter = new CallSiteRewriter(writer);
            reader.accept(rewriter, 0);
            return rewriter.changed() ? writer.toByteArray() : bytes;
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, () -> "Function " + function + ": class " + className + " cannot be rewritten ("
                    + unreadable + "); it is defined as it is, so its calls to System.exit, System.getenv and the"
                    + " like act on the whole JVM");
            return bytes;
        }
    }
}
