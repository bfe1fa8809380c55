package dev.faasjvm.runtime.loader;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.runtime.containment.stubs.ContainedSystem;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every function's class loader: hands out the classes of exactly the
 * {@code dev.faasjvm.api} package from the runtime, and delegates everything else to the platform
 * loader, so the JDK is visible and the runtime's own classes and libraries are not. Resources
 * follow the classes: the API's class files, and the JDK's resources inside packages; nothing
 * under {@code META-INF/} and nothing outside a package (such as {@code log4j2.xml}) comes from
 * above the function, so services and configuration files are the function's own. Thread-safe and
 * shared by all functions.
 */
public final class ApiOnlyClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** The one package shared with functions, compared by equality, never as a prefix. */
    static final String API_PACKAGE = FunctionHandler.class.getPackageName();
    private static final String API_FOLDER = API_PACKAGE.replace('.', '/') + "/";
    /** The stubs that rewritten function classes call (containment), also shared by exact name. */
    static final String STUBS_PACKAGE = ContainedSystem.class.getPackageName();

    private final ClassLoader apiLoader;

    public ApiOnlyClassLoader() {
        super("faas-jvm-api-only", ClassLoader.getPlatformClassLoader());
        this.apiLoader = FunctionHandler.class.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (API_PACKAGE.equals(packageOf(name)) || STUBS_PACKAGE.equals(packageOf(name))) {
            return apiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (isApiClassFile(name)) {
            return apiLoader.getResource(name);
        }
        return isHidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isApiClassFile(name)) {
            URL url = apiLoader.getResource(name);
            return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
        }
        return isHidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    static String packageOf(String className) {
        int lastDot = className.lastIndexOf('.');
        return lastDot < 0 ? "" : className.substring(0, lastDot);
    }

    /** A class file directly in the API package's folder (not a sub-folder). */
    static boolean isApiClassFile(String resource) {
        return resource.startsWith(API_FOLDER) && resource.endsWith(".class")
                && resource.indexOf('/', API_FOLDER.length()) < 0;
    }

    /** Service files, manifests and top-level configuration files must come from the function alone. */
    static boolean isHidden(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        return name.startsWith("META-INF/") || name.indexOf('/') < 0;
    }
}
