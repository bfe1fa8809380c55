package dev.faasjvm.runtime.loader;

import dev.faasjvm.api.FunctionHandler;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ClassInfoList;
import io.github.classgraph.ScanResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds the handler class of a function: the class named by OpenFaaS's {@code envProcess}, else the
 * one named by the JAR manifest's {@value #MANIFEST_ATTRIBUTE} attribute, else the single public
 * concrete class in the function's own JARs that implements {@code FunctionHandler} or
 * {@code java.util.function.Function}, found by ClassGraph without loading any class.
 * Stateless and thread-safe.
 */
final class HandlerScanner {
    static final String MANIFEST_ATTRIBUTE = "FaaS-Handler";
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private HandlerScanner() {
    }

    static HandlerClass find(List<Path> jars, ClassLoader loader, String envProcess) {
        String named = envProcess.isBlank() ? manifestHandler(jars).orElse("") : envProcess.strip();
        if (!named.isEmpty()) {
            return load(named, loader, envProcess.isBlank() ? MANIFEST_ATTRIBUTE : "envProcess");
        }
        return load(scan(jars), loader, "scan");
    }

    private static HandlerClass load(String className, ClassLoader loader, String source) {
        if (!CLASS_NAME.matcher(className).matches()) {
            throw new FunctionLoadException(source + " \"" + className
                    + "\" is not a Java class name: name the handler class, e.g. com.example.Hello");
        }
        try {
            return HandlerClass.of(Class.forName(className, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FunctionLoadException("Handler class \"" + className + "\" named by " + source
                    + " cannot be loaded from the function's JAR: " + e, e);
        }
    }

    private static String scan(List<Path> jars) {
        try (ScanResult scan = new ClassGraph()
                .overrideClasspath(jars.stream().map(Path::toString).toArray(Object[]::new))
                .enableClassInfo()
                .scan(1)) {
            TreeSet<String> candidates = concreteImplementations(scan, FunctionHandler.class);
            candidates.addAll(concreteImplementations(scan, Function.class));
            if (candidates.size() == 1) {
                return candidates.first();
            }
            if (candidates.isEmpty()) {
                throw new FunctionLoadException("No handler class found: the JAR has no public concrete class"
                        + " implementing dev.faasjvm.api.FunctionHandler or java.util.function.Function");
            }
            throw new FunctionLoadException("Several handler classes found: " + candidates
                    + "; name the one to use in envProcess (or the " + MANIFEST_ATTRIBUTE + " manifest attribute)");
        }
    }

    private static TreeSet<String> concreteImplementations(ScanResult scan, Class<?> contract) {
        ClassInfoList implementations = scan.getClassesImplementing(contract.getName())
                .filter(info -> info.isPublic() && !info.isAbstract() && !info.isInterface());
        TreeSet<String> names = new TreeSet<>();
        for (ClassInfo info : implementations) {
            names.add(info.getName());
        }
        return names;
    }

    private static Optional<String> manifestHandler(List<Path> jars) {
        return FunctionManifest.attribute(jars, MANIFEST_ATTRIBUTE);
    }
}
