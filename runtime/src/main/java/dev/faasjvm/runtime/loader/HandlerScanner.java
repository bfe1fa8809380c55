package dev.faasjvm.runtime.loader;

import dev.faasjvm.api.FunctionHandler;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ClassInfoList;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
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
    /** A manifest larger than this is refused rather than read into memory (issue 10: 20 MB was a 500). */
    static final long MAX_MANIFEST_BYTES = 1024 * 1024;
    /** How a manifest problem starts; {@link FunctionLoader} names the image before it. */
    static final String MANIFEST_PROBLEM = "its JAR manifest ";
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
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                ZipEntry entry = file.getEntry(JarFile.MANIFEST_NAME);
                if (entry != null && entry.getSize() > MAX_MANIFEST_BYTES) {
                    throw new FunctionLoadException(MANIFEST_PROBLEM + "is " + entry.getSize() + " bytes, more than the "
                            + MAX_MANIFEST_BYTES + " a manifest may have");
                }
                Manifest manifest = file.getManifest();
                String value = manifest == null ? null : manifest.getMainAttributes()
                        .getValue(new Attributes.Name(MANIFEST_ATTRIBUTE));
                if (value != null && !value.isBlank()) {
                    return Optional.of(value.strip());
                }
            } catch (IOException e) {
                throw new FunctionLoadException(MANIFEST_PROBLEM + "cannot be read: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }
}
