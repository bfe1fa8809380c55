package dev.faasjvm.runtime.loader;

import dev.faasjvm.api.FunctionHandler;

/**
 * The parent of every function's class loader: hands out the classes of exactly the
 * {@code dev.faasjvm.api} package from the runtime, and delegates everything else to the platform
 * loader, so the JDK is visible and the runtime's own classes and libraries are not. Resources are
 * never served from the runtime: only the platform loader's. Thread-safe and shared by all functions.
 */
public final class ApiOnlyClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** The one package shared with functions, compared by equality, never as a prefix. */
    static final String API_PACKAGE = FunctionHandler.class.getPackageName();

    private final ClassLoader apiLoader;

    public ApiOnlyClassLoader() {
        super("faas-jvm-api-only", ClassLoader.getPlatformClassLoader());
        this.apiLoader = FunctionHandler.class.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (API_PACKAGE.equals(packageOf(name))) {
            return apiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    static String packageOf(String className) {
        int lastDot = className.lastIndexOf('.');
        return lastDot < 0 ? "" : className.substring(0, lastDot);
    }
}
