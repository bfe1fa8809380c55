package dev.faasjvm.runtime.loader;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.runtime.containment.stubs.ContainedSystem;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * The parent of every function's class loader: hands out the classes of exactly the
 * {@code dev.faasjvm.api} package and of the other platforms' API packages ({@link #EXPORTED}) from
 * the runtime, parent-first, and delegates everything else to the platform loader, so the JDK is
 * visible and the runtime's own classes and libraries are not. A function that bundles its own copy
 * of a platform API still gets the runtime's, so the runtime's adapters and the function share one
 * {@code RequestHandler} or {@code HttpFunction}, as in Lambda's runtime client and Google's invoker.
 * Resources follow the classes: the APIs' class files, and the JDK's resources inside packages; nothing
 * under {@code META-INF/} and nothing outside a package (such as {@code log4j2.xml}) comes from
 * above the function, so services and configuration files are the function's own. Thread-safe and
 * shared by all functions.
 */
public final class ApiOnlyClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** faas-jvm's own API package. */
    static final String API_PACKAGE = FunctionHandler.class.getPackageName();
    /** The stubs that rewritten function classes call (containment), also shared by exact name. */
    static final String STUBS_PACKAGE = ContainedSystem.class.getPackageName();
    /**
     * Every package shared with functions, compared by equality, never as a prefix: faas-jvm's API,
     * the containment stubs, the OpenFaaS Java templates' model, AWS Lambda's core API and its logging
     * enums (not its {@code events} or {@code serialization}, which functions bundle), and Google Cloud
     * Functions' API package and CloudEvents' {@code io.cloudevents} (a {@code CloudEventsFunction}'s
     * argument), exactly the ones Google's invoker shares.
     */
    static final Set<String> EXPORTED = Set.of(
            API_PACKAGE,
            STUBS_PACKAGE,
            "com.openfaas.model",
            "com.amazonaws.services.lambda.runtime",
            "com.amazonaws.services.lambda.runtime.logging",
            "com.google.cloud.functions",
            "io.cloudevents");

    private final ClassLoader apiLoader;
    /** The loader of the runtime's platform adapters, whose view of the platform APIs functions must share. */
    private final ClassLoader platformApisLoader;

    public ApiOnlyClassLoader() {
        super("faas-jvm-api-only", ClassLoader.getPlatformClassLoader());
        this.apiLoader = FunctionHandler.class.getClassLoader();
        this.platformApisLoader = ApiOnlyClassLoader.class.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        String packageName = packageOf(name);
        if (EXPORTED.contains(packageName)) {
            return loaderOf(packageName).loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (isApiClassFile(name)) {
            return loaderOf(folderOf(name)).getResource(name);
        }
        return isHidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isApiClassFile(name)) {
            URL url = loaderOf(folderOf(name)).getResource(name);
            return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
        }
        return isHidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    private ClassLoader loaderOf(String packageName) {
        return packageName.equals(API_PACKAGE) ? apiLoader : platformApisLoader;
    }

    private static String folderOf(String resource) {
        return resource.substring(0, resource.lastIndexOf('/')).replace('/', '.');
    }

    static String packageOf(String className) {
        int lastDot = className.lastIndexOf('.');
        return lastDot < 0 ? "" : className.substring(0, lastDot);
    }

    /** A class file directly in an exported package's folder (not a sub-folder). */
    static boolean isApiClassFile(String resource) {
        return resource.lastIndexOf('/') > 0 && resource.endsWith(".class") && EXPORTED.contains(folderOf(resource));
    }

    /** Service files, manifests and top-level configuration files must come from the function alone. */
    static boolean isHidden(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        return name.startsWith("META-INF/") || name.indexOf('/') < 0;
    }
}
