package dev.faasjvm.samples.probe;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import io.github.classgraph.ClassGraph;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports from inside its own class loader what it can and cannot see, as JSON: which of the
 * runtime's classes it can load (it should load none), where its bundled ClassGraph came from and
 * which version it is (its own, older than the runtime's), and whether the thread's context class
 * loader is its own loader, both in its constructor and during a call.
 */
public final class IsolationProbe implements FunctionHandler {

    /** Classes the runtime uses; a function must not be able to load any of them. */
    static final List<String> RUNTIME_CLASSES = List.of(
            "org.eclipse.jetty.server.Server",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.github.benmanes.caffeine.cache.Caffeine",
            "dev.faasjvm.runtime.Main");

    private final boolean contextLoaderWasOwnInConstructor;

    public IsolationProbe() {
        contextLoaderWasOwnInConstructor =
                Thread.currentThread().getContextClassLoader() == IsolationProbe.class.getClassLoader();
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        Map<String, Object> visible = new LinkedHashMap<>();
        for (String name : RUNTIME_CLASSES) {
            visible.put(name, canLoad(name));
        }
        CodeSource classGraphSource = ClassGraph.class.getProtectionDomain().getCodeSource();
        CodeSource ownSource = IsolationProbe.class.getProtectionDomain().getCodeSource();
        StringBuilder json = new StringBuilder("{\"runtimeClassesVisible\":{");
        visible.forEach((name, seen) -> json.append('"').append(name).append("\":").append(seen).append(','));
        json.setLength(json.length() - 1);
        json.append("},\"classGraphVersion\":\"").append(ClassGraph.getVersion())
                .append("\",\"classGraphLocation\":\"").append(location(classGraphSource))
                .append("\",\"ownLocation\":\"").append(location(ownSource))
                .append("\",\"classGraphFromOwnJar\":").append(location(classGraphSource).equals(location(ownSource)))
                .append(",\"contextLoaderIsOwnInConstructor\":").append(contextLoaderWasOwnInConstructor)
                .append(",\"contextLoaderIsOwn\":")
                .append(Thread.currentThread().getContextClassLoader() == IsolationProbe.class.getClassLoader())
                .append(",\"apiLoaderIsRuntimes\":")
                .append(FunctionHandler.class.getClassLoader() != IsolationProbe.class.getClassLoader())
                .append('}');
        return FunctionResponse.json(json.toString());
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
