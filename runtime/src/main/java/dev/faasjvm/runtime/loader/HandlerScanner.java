package dev.faasjvm.runtime.loader;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.StreamingFunctionHandler;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ClassInfoList;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds the handler class of a function: the class named by OpenFaaS's {@code envProcess} (or
 * {@code Class::method}, as AWS Lambda names handlers), else the one named by the JAR manifest's
 * {@value #MANIFEST_ATTRIBUTE} attribute, else the single public concrete class in the function's own
 * JARs that implements one of the handler types of {@link HandlerKind}, found by ClassGraph without
 * loading any class. Classes of the platform API packages the runtime provides (a template's bundled
 * {@code com.openfaas.model.SampleHandler}) are never candidates. Stateless and thread-safe.
 */
final class HandlerScanner {
    static final String MANIFEST_ATTRIBUTE = "FaaS-Handler";
    /** The OpenFaaS Java templates' HTTP server, which faas-cli names as the template's {@code fprocess}. */
    static final String OPENFAAS_ENTRYPOINT = "com.openfaas.entrypoint.App";
    /** Where the template's entrypoint looks its handler up with {@code ServiceLoader}. */
    private static final String OPENFAAS_SERVICE = "META-INF/services/com.openfaas.model.AbstractHandler";
    private static final String OPENFAAS_HANDLER = "com.openfaas.function.Handler";
    /**
     * Handler types found by scanning, by the name ClassGraph knows them by: each sub-interface too,
     * since the API's own classes are not scanned, so ClassGraph cannot see what they extend.
     */
    private static final List<String> CONTRACTS = List.of(FunctionHandler.class.getName(),
            StreamingFunctionHandler.class.getName(), Function.class.getName(),
            "com.openfaas.model.IHandler", "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler", "com.google.cloud.functions.HttpFunction",
            "com.google.cloud.functions.CloudEventsFunction");
    /** A template's handler extends this; when the JAR does not bundle the model, only the superclass shows it. */
    private static final String OPENFAAS_BASE = "com.openfaas.model.AbstractHandler";
    /** Google's legacy event and typed function types: they need triggers and wire formats the runtime does not have. */
    private static final List<String> UNSUPPORTED = List.of("com.google.cloud.functions.BackgroundFunction",
            "com.google.cloud.functions.RawBackgroundFunction", "com.google.cloud.functions.TypedFunction");
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
        if (namesOpenFaasEntrypoint(envProcess)) {
            return load(openFaasTemplateHandler(loader), "", loader, "the OpenFaaS template's " + OPENFAAS_SERVICE);
        }
        String named = envProcess.isBlank() ? manifestHandler(jars).orElse("") : envProcess.strip();
        String source = envProcess.isBlank() ? MANIFEST_ATTRIBUTE : "envProcess";
        if (named.isEmpty()) {
            return load(ScannedHandlers.find(jars, HandlerScanner::scan), "", loader, "scan");
        }
        int colons = named.lastIndexOf("::");
        if (colons < 0) {
            return load(named, "", loader, source);
        }
        String method = named.substring(colons + 2);
        if (colons == 0 || !CLASS_NAME.matcher(method).matches() || method.contains(".")) {
            throw new FunctionLoadException(source + " \"" + named
                    + "\" is not a Lambda handler name: write package.Class::method, e.g. example.Hello::handleRequest");
        }
        return load(named.substring(0, colons), method, loader, source);
    }

    /**
     * Whether {@code envProcess} runs the OpenFaaS Java templates' entrypoint: alone, or at the end of
     * the template's {@code fprocess} command line, which faas-cli sends for {@code lang: java11}.
     * The runtime never runs that server; it calls the handler the entrypoint would have called.
     */
    static boolean namesOpenFaasEntrypoint(String envProcess) {
        String[] words = envProcess.strip().split("\\s+");
        return words[words.length - 1].equals(OPENFAAS_ENTRYPOINT);
    }

    /** The handler the template's entrypoint finds with {@code ServiceLoader}, else the template's class name. */
    private static String openFaasTemplateHandler(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(OPENFAAS_SERVICE)) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String name = line.replaceFirst("#.*", "").strip();
                    if (!name.isEmpty()) {
                        return name;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OPENFAAS_HANDLER;
    }

    private static HandlerClass load(String className, String method, ClassLoader loader, String source) {
        if (!CLASS_NAME.matcher(className).matches()) {
            throw new FunctionLoadException(source + " \"" + className
                    + "\" is not a Java class name: name the handler class, e.g. com.example.Hello");
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FunctionLoadException("Handler class \"" + className + "\" named by " + source
                    + " cannot be loaded from the function's JAR: " + MissingClasses.describe(e), e);
        }
        return method.isEmpty() ? HandlerClass.of(type) : HandlerClass.ofLambdaMethod(type, method);
    }

    private static String scan(List<Path> jars) {
        try (ScanResult scan = new ClassGraph()
                .overrideClasspath(jars.stream().map(Path::toString).toArray(Object[]::new))
                .enableClassInfo()
                .scan(1)) {
            TreeSet<String> candidates = new TreeSet<>();
            CONTRACTS.forEach(contract -> candidates.addAll(concrete(scan.getClassesImplementing(contract))));
            candidates.addAll(concrete(scan.getSubclasses(OPENFAAS_BASE)));
            candidates.removeIf(name -> ApiOnlyClassLoader.EXPORTED.contains(ApiOnlyClassLoader.packageOf(name)));
            if (candidates.size() == 1) {
                return candidates.first();
            }
            if (candidates.isEmpty()) {
                throw new FunctionLoadException("No handler class found: the JAR has no public concrete class"
                        + " implementing dev.faasjvm.api.FunctionHandler (or StreamingFunctionHandler),"
                        + " java.util.function.Function,"
                        + " com.openfaas.model.IHandler, AWS Lambda's RequestHandler or RequestStreamHandler or"
                        + " com.google.cloud.functions.HttpFunction or CloudEventsFunction" + unsupported(scan)
                        + " (an AWS Lambda Class::method handler must be named in envProcess)");
            }
            throw new FunctionLoadException("Several handler classes found: " + candidates
                    + "; name the one to use in envProcess (or the " + MANIFEST_ATTRIBUTE + " manifest attribute)");
        }
    }

    private static TreeSet<String> concrete(ClassInfoList classes) {
        TreeSet<String> names = new TreeSet<>();
        for (ClassInfo info : classes.filter(info -> info.isPublic() && !info.isAbstract() && !info.isInterface())) {
            names.add(info.getName());
        }
        return names;
    }

    /** Names the classes written for platform features the runtime lacks, so the 400 says what is missing. */
    private static String unsupported(ScanResult scan) {
        TreeSet<String> found = new TreeSet<>();
        UNSUPPORTED.forEach(type -> concrete(scan.getClassesImplementing(type))
                .forEach(name -> found.add(name + " (a " + type.substring(type.lastIndexOf('.') + 1) + ")")));
        return found.isEmpty() ? "" : "; found " + found + ", which need Google Cloud Functions' event triggers:"
                + " the runtime provides only HttpFunction and CloudEventsFunction";
    }

    private static Optional<String> manifestHandler(List<Path> jars) {
        return FunctionManifest.attribute(jars, MANIFEST_ATTRIBUTE);
    }
}
