package dev.faasjvm.runtime.loader;

import dev.faasjvm.runtime.containment.ClassRewriter;
import dev.faasjvm.runtime.containment.ContainedLoader;
import dev.faasjvm.runtime.containment.Containment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The class loader of one generation of one function: its JAR URLs, then the API-only parent. Its
 * name ({@code function:<name>.<namespace>#<generation>}) shows in stack traces and heap dumps so a
 * leaked loader can be traced to its function. Closed by the generation that owns it. It reads
 * and defines the function's classes itself, each rewritten on the way by the
 * {@link ClassRewriter} to act on the function's own {@link Containment} rather than the JVM.
 */
public final class FunctionClassLoader extends URLClassLoader implements ContainedLoader {
    static {
        registerAsParallelCapable();
    }

    private final Containment containment;
    private final ClassFiles classFiles;

    FunctionClassLoader(String name, URL[] urls, ApiOnlyClassLoader parent, List<Path> jars,
            Containment containment) throws IOException {
        super(name, urls, parent);
        this.containment = containment;
        this.classFiles = ClassFiles.open(jars);
    }

    @Override
    public Containment containment() {
        return containment;
    }

    /** Reads the class from the function's JARs, rewrites it for containment, and defines it. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ClassFiles.Found found;
        try {
            found = classFiles.find(name);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (" + e + ")", e);
        }
        if (found == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes = ClassRewriter.rewrite(name, found.bytes(), containment.function());
        definePackageOf(name, found);
        return defineClass(name, bytes, 0, bytes.length, found.codeSource());
    }

    private void definePackageOf(String className, ClassFiles.Found found) {
        int lastDot = className.lastIndexOf('.');
        if (lastDot < 0) {
            return;
        }
        String packageName = className.substring(0, lastDot);
        if (getDefinedPackage(packageName) != null) {
            return;
        }
        try {
            if (found.manifest() != null) {
                definePackage(packageName, found.manifest(), found.jarUrl());
            } else {
                definePackage(packageName, null, null, null, null, null, null, null);
            }
        } catch (IllegalArgumentException definedMeanwhile) {
            // another thread defined the package between the check and here: that one stands
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            classFiles.close();
        }
    }

    /**
     * Whether the JVM has recorded this loader as having loaded {@code className}, itself or
     * through its parents: true once any of the function's classes refers to that class. Cheap, so
     * clean-up steps ask it before doing work the function cannot need.
     */
    boolean hasLoaded(String className) {
        return findLoadedClass(className) != null;
    }

    /** Deregisters the JDBC drivers this loader's classes registered; answers their class names. */
    @SuppressWarnings("unchecked")
    List<String> deregisterJdbcDrivers() {
        if (!hasLoaded("java.sql.Driver")) {
            return List.of();
        }
        String name = JdbcDeregistration.class.getName();
        try (InputStream in = JdbcDeregistration.class.getResourceAsStream(
                JdbcDeregistration.class.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("The runtime's JAR lacks " + name);
            }
            byte[] bytes = in.readAllBytes();
            Class<?> copy = findLoadedClass(name) != null ? findLoadedClass(name)
                    : defineClass(name, bytes, 0, bytes.length);
            return ((Supplier<List<String>>) copy.getDeclaredConstructor().newInstance()).get();
        } catch (IOException | ReflectiveOperationException | LinkageError e) {
            return List.of("(could not look for JDBC drivers: " + e + ")");
        }
    }
}
