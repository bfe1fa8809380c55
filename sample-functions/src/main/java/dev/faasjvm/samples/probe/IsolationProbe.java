package dev.faasjvm.samples.probe;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import io.github.classgraph.ClassGraph;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Reports from inside its own class loader what it can and cannot see, as JSON: which of the
 * runtime's classes and resources it can load (it should load none), where its bundled ClassGraph
 * came from and which version it is (its own, not the runtime's), whose services and manifests it
 * finds (only its own), and whether the thread's context class loader is its own loader, both in
 * its constructor and during a call. Built twice, with two ClassGraph versions ({@code probe} and
 * {@code probe2}), to show two versions of one library side by side.
 */
public final class IsolationProbe implements FunctionHandler {

    /** Classes the runtime uses; a function must not be able to load any of them. */
    static final List<String> RUNTIME_CLASSES = List.of(
            "org.eclipse.jetty.server.Server",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.github.benmanes.caffeine.cache.Caffeine",
            "dev.faasjvm.runtime.Main",
            "dev.faasjvm.runtime.loader.ApiOnlyClassLoader");

    /** Resources on the runtime's class path; a function must not find any of them. */
    static final List<String> RUNTIME_RESOURCES = List.of(
            "faas-jvm-version.properties",
            "jetty-logging.properties",
            "META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties",
            "dev/faasjvm/runtime/Main.class",
            "com/github/benmanes/caffeine/cache/Caffeine.class");

    private final boolean contextLoaderWasOwnInConstructor;

    public IsolationProbe() {
        contextLoaderWasOwnInConstructor =
                Thread.currentThread().getContextClassLoader() == IsolationProbe.class.getClassLoader();
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) throws IOException {
        ClassLoader own = IsolationProbe.class.getClassLoader();
        String ownLocation = location(IsolationProbe.class.getProtectionDomain().getCodeSource());
        String classGraphLocation = location(ClassGraph.class.getProtectionDomain().getCodeSource());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runtimeClassesVisible", visibility(RUNTIME_CLASSES, IsolationProbe::canLoad));
        report.put("runtimeResourcesVisible", visibility(RUNTIME_RESOURCES, name -> own.getResource(name) != null));
        report.put("classGraphVersion", ClassGraph.getVersion());
        report.put("classGraphLocation", classGraphLocation);
        report.put("ownLocation", ownLocation);
        report.put("classGraphFromOwnJar", classGraphLocation.equals(ownLocation));
        report.put("contextLoaderIsOwnInConstructor", contextLoaderWasOwnInConstructor);
        report.put("contextLoaderIsOwn", Thread.currentThread().getContextClassLoader() == own);
        report.put("apiLoaderIsRuntimes", FunctionHandler.class.getClassLoader() != own);
        report.put("apiClassFileVisible", own.getResource("dev/faasjvm/api/FunctionHandler.class") != null);
        report.put("services", services());
        report.put("manifestsNotOwn", notOwn(own.getResources("META-INF/MANIFEST.MF"), ownLocation));
        report.put("ownPropertiesOwner", ownProperties());
        return FunctionResponse.json(Json.write(report));
    }

    private static Map<String, Object> visibility(List<String> names, java.util.function.Predicate<String> visible) {
        Map<String, Object> seen = new LinkedHashMap<>();
        names.forEach(name -> seen.put(name, visible.test(name)));
        return seen;
    }

    private static List<Object> services() {
        List<Object> providers = new ArrayList<>();
        ServiceLoader.load(Greeting.class).forEach(greeting -> providers.add(greeting.getClass().getName()));
        return providers;
    }

    private static List<Object> notOwn(java.util.Enumeration<URL> urls, String ownLocation) {
        List<Object> foreign = new ArrayList<>();
        for (URL url : Collections.list(urls)) {
            if (!url.toString().contains(ownLocation)) {
                foreign.add(url.toString());
            }
        }
        return foreign;
    }

    private static String ownProperties() throws IOException {
        try (InputStream in = IsolationProbe.class.getResourceAsStream("probe.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("owner", "");
        }
    }

    private static boolean canLoad(String className) {
        try {
            Class.forName(className, false, IsolationProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError expected) {
            return false;
        }
    }

    private static String location(CodeSource source) {
        return source == null || source.getLocation() == null ? "" : source.getLocation().toString();
    }
}
