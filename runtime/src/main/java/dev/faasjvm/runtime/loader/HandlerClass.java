package dev.faasjvm.runtime.loader;

import dev.faasjvm.api.FunctionContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * A function's handler class and its kind, found in the function's own class loader.
 *
 * @param type the class to instantiate once per replica
 * @param kind which platform's shape of handler it is
 * @param method the method an AWS Lambda {@code Class::method} handler names, else empty
 */
public record HandlerClass(Class<?> type, HandlerKind kind, String method) {

    public HandlerClass {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
    }

    /** A handler called through its class's interface, not a named method. */
    public HandlerClass(Class<?> type, HandlerKind kind) {
        this(type, kind, "");
    }

    /** Checks that {@code type} is a public concrete class of a handler kind with a usable constructor. */
    static HandlerClass of(Class<?> type) {
        HandlerKind kind = HandlerKind.of(type);
        if (kind == null) {
            throw new FunctionLoadException("Class \"" + type.getName() + "\" implements none of the handler"
                    + " types the runtime calls: dev.faasjvm.api.FunctionHandler, java.util.function.Function,"
                    + " com.openfaas.model.IHandler, AWS Lambda's RequestHandler or RequestStreamHandler (or name"
                    + " a method as Class::method), com.google.cloud.functions.HttpFunction or CloudEventsFunction");
        }
        return checked(new HandlerClass(type, kind));
    }

    /** Checks that {@code type} is public and concrete with a usable constructor, for Lambda's {@code Class::method}. */
    static HandlerClass ofLambdaMethod(Class<?> type, String method) {
        return checked(new HandlerClass(type, HandlerKind.LAMBDA, method));
    }

    private static HandlerClass checked(HandlerClass handler) {
        Class<?> type = handler.type();
        int modifiers = type.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || type.isInterface()) {
            throw new FunctionLoadException("Class \"" + type.getName() + "\" must be public and concrete");
        }
        handler.constructor();
        return handler;
    }

    /**
     * Creates one instance, through the public constructor that takes a {@link FunctionContext} if
     * there is one, else the public no-argument constructor. Call it with the function's loader as
     * the thread's context class loader.
     *
     * @throws FunctionLoadException if the constructor throws, with the cause's message
     */
    public Object newInstance(FunctionContext context) {
        Constructor<?> constructor = constructor();
        try {
            return constructor.getParameterCount() == 1
                    ? constructor.newInstance(context)
                    : constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new FunctionLoadException("Constructor of \"" + type.getName() + "\" threw "
                    + cause.getClass().getName() + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new FunctionLoadException("Cannot construct \"" + type.getName() + "\": " + e, e);
        }
    }

    private Constructor<?> constructor() {
        try {
            return type.getConstructor(FunctionContext.class);
        } catch (NoSuchMethodException noContextConstructor) {
            try {
                return type.getConstructor();
            } catch (NoSuchMethodException noDefaultConstructor) {
                throw new FunctionLoadException("Class \"" + type.getName()
                        + "\" needs a public constructor taking no arguments or a FunctionContext");
            }
        }
    }
}
