package dev.faasjvm.runtime.loader;

/**
 * Turns a class a function's code needs but cannot load into a message that names it and says where
 * it should have come from: the function's JARs, or (for a platform's API) the runtime. Stateless.
 */
public final class MissingClasses {
    private MissingClasses() {
    }

    /** The message for a failure to load or link a function's class. */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoClassDefFoundError) {
                return describeMissing(String.valueOf(cause.getMessage()).replace('/', '.'));
            }
            if (cause instanceof TypeNotPresentException) {
                return describeMissing(((TypeNotPresentException) cause).typeName());
            }
        }
        return String.valueOf(failure);
    }

    private static String describeMissing(String missing) {
        String packageName = ApiOnlyClassLoader.packageOf(missing);
        if (packageName.startsWith("com.amazonaws.services.lambda.runtime.")) {
            return "it needs " + missing + ", which the runtime does not provide (it provides only"
                    + " com.amazonaws.services.lambda.runtime and its logging package): bundle that library,"
                    + " e.g. aws-lambda-java-events, in the function's JAR";
        }
        if (packageName.startsWith("io.cloudevents.")) {
            return "it needs " + missing + ", which the runtime does not provide (it provides only the"
                    + " io.cloudevents package, as Google's invoker does): bundle that library, e.g."
                    + " cloudevents-core, in the function's JAR";
        }
        return "it needs " + missing + ", which neither the function's JARs nor the runtime provide";
    }
}
