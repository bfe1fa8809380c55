package dev.faasjvm.runtime.containment;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faasjvm.runtime.accounting.FunctionAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Classes rewritten and defined in a contained loader, without a server. */
final class ClassRewriterTest {
    private final FunctionAccounts accounts = new FunctionAccounts();
    private final Containment containment = new Containment("unit.test", 1, Map.of("ONLY", "this"),
            accounts.of("unit", "test"));

    @Test
    void aClassNamingNoneOfTheClasses_isDefinedFromTheSameBytes() throws IOException {
        byte[] bytes = bytesOf(Plain.class);

        assertSame(bytes, ClassRewriter.rewrite(Plain.class.getName(), bytes, "unit.test"));
    }

    @Test
    void aClassCallingNothingRedirected_isDefinedFromTheSameBytes() throws IOException {
        byte[] bytes = bytesOf(Clock.class);

        assertSame(bytes, ClassRewriter.rewrite(Clock.class.getName(), bytes, "unit.test"));
    }

    @Test
    void exitDirectAndByMethodReference_throwInsteadOfEndingTheJvm() throws Exception {
        byte[] bytes = bytesOf(Exiter.class);
        assertNotSame(bytes, ClassRewriter.rewrite(Exiter.class.getName(), bytes, "unit.test"));
        Class<?> exiter = new ContainedTestLoader(containment, Exiter.class.getName()).loadClass(Exiter.class.getName());

        FunctionExitException direct = thrownBy(exiter.getMethod("direct", int.class), 5);
        FunctionExitException reference = thrownBy(exiter.getMethod("reference", int.class), 6);

        assertAll(
                () -> assertEquals(5, direct.status()),
                () -> assertEquals(6, reference.status()),
                () -> assertEquals("unit.test", reference.function()),
                () -> assertEquals(2, accounts.of("unit", "test").exitAttempts()));
    }

    @Test
    void getenv_answersTheContainmentsEnvironment_evenInPreJava5ClassFiles() throws Exception {
        Class<?> modern = new ContainedTestLoader(containment, Exiter.class.getName()).loadClass(Exiter.class.getName());
        Class<?> old = new ContainedTestLoader(containment, "OldEnv").loadClass("OldEnv");

        assertAll(
                () -> assertEquals(Map.of("ONLY", "this"), modern.getMethod("environment").invoke(null)),
                () -> assertEquals("this", old.getMethod("env", String.class).invoke(null, "ONLY")),
                () -> assertNull(old.getMethod("env", String.class).invoke(null, "PATH")));
    }

    private static FunctionExitException thrownBy(Method method, int status) {
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> method.invoke(null, status));
        return (FunctionExitException) thrown.getCause();
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** A Java 1.4 class file, which cannot name a class as a constant: {@code static String env(String)}. */
    private static byte[] oldEnvClass() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V1_4, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "OldEnv", null, "java/lang/Object", null);
        MethodVisitor env = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "env",
                "(Ljava/lang/String;)Ljava/lang/String;", null, null);
        env.visitCode();
        env.visitVarInsn(Opcodes.ALOAD, 0);
        env.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getenv", "(Ljava/lang/String;)Ljava/lang/String;",
                false);
        env.visitInsn(Opcodes.ARETURN);
        env.visitMaxs(1, 1);
        env.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Defines the named class itself, rewritten, as a function's loader would; the rest comes from its parent. */
    private static final class ContainedTestLoader extends ClassLoader implements ContainedLoader {
        private final Containment containment;
        private final String contained;

        ContainedTestLoader(Containment containment, String contained) {
            super(ClassRewriterTest.class.getClassLoader());
            this.containment = containment;
            this.contained = contained;
        }

        @Override
        public Containment containment() {
            return containment;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(contained)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                byte[] bytes;
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    bytes = in == null ? oldEnvClass() : in.readAllBytes();
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
                byte[] rewritten = ClassRewriter.rewrite(name, bytes, containment.function());
                return defineClass(name, rewritten, 0, rewritten.length);
            }
        }
    }

    static final class Plain {
        int twice(int value) {
            return 2 * value;
        }
    }

    static final class Clock {
        long now() {
            return System.nanoTime();
        }
    }

    public static final class Exiter {
        public static void direct(int status) {
            System.exit(status);
        }

        public static void reference(int status) {
            IntConsumer exit = System::exit;
            exit.accept(status);
        }

        public static Map<String, String> environment() {
            return System.getenv();
        }
    }
}
