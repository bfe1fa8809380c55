package dev.faasjvm.runtime.loader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.function.Supplier;

/**
 * The class loader of one generation of one function: its JAR URLs, then the API-only parent. Its
 * name ({@code function:<name>.<namespace>#<generation>}) shows in stack traces and heap dumps so a
 * leaked loader can be traced to its function. Closed by the generation that owns it.
 */
public final class FunctionClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    FunctionClassLoader(String name, URL[] urls, ApiOnlyClassLoader parent) {
        super(name, urls, parent);
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
