package dev.faasjvm.runtime.platform.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import dev.faasjvm.runtime.loader.FunctionLoadException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds how to call a Lambda handler by the rules of Lambda's runtime interface client
 * ({@code EventHandlerLoader}): a class alone must implement {@code RequestStreamHandler} or
 * {@code RequestHandler<I, O>}; a {@code Class::method} handler is the best of the public methods of
 * that name, preferring non-bridge methods, then longer signatures (a trailing {@code Context}
 * counting one extra), and skipping signatures Lambda cannot call. The supported signatures are
 * {@code (InputStream, OutputStream, Context)}, {@code (InputStream, OutputStream)},
 * {@code (OutputStream, Context)}, {@code (InputStream, Context)}, {@code (InputStream)},
 * {@code (OutputStream)}, {@code (Context)}, {@code (T, Context)}, {@code (T)} and {@code ()}.
 * Stateless.
 */
final class LambdaHandlers {
    /** Lambda's order among overloads: the first that is callable wins. */
    private static final Comparator<Method> PRIORITY = Comparator
            .comparing(Method::isBridge)
            .thenComparing(Comparator.comparingInt(LambdaHandlers::weight).reversed());

    private LambdaHandlers() {
    }

    /**
     * Resolves a handler.
     *
     * @param method the method {@code Class::method} names, or empty for a handler interface
     * @throws FunctionLoadException with Lambda's reason when nothing can be called
     */
    static LambdaEntry resolve(Class<?> type, String method, LambdaJson json) {
        if (!method.isEmpty()) {
            return method(type, method, json);
        }
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            return (instance, event, context) -> stream((RequestStreamHandler) instance, event, context);
        }
        if (RequestHandler.class.isAssignableFrom(type)) {
            return requestHandler(type, json);
        }
        throw new FunctionLoadException("Class does not implement an appropriate handler interface: "
                + type.getName());
    }

    private static byte[] stream(RequestStreamHandler handler, byte[] event, Context context) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), output, context);
        return output.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static LambdaEntry requestHandler(Class<?> type, LambdaJson json) {
        JavaType[] parameters = json.typeParameters(type, RequestHandler.class);
        if (parameters == null || parameters.length != 2) {
            throw new FunctionLoadException("Class " + type.getName()
                    + " does not implement RequestHandler with concrete type parameters");
        }
        JavaType input = parameters[0];
        boolean isVoid = isVoid(parameters[1].getRawClass());
        return (instance, event, context) -> {
            Object result = ((RequestHandler<Object, Object>) instance).handleRequest(
                    json.read(event, input), context);
            return isVoid ? LambdaJson.jsonNull() : json.write(result);
        };
    }

    private static LambdaEntry method(Class<?> type, String name, LambdaJson json) {
        Method[] candidates = Arrays.stream(type.getMethods())
                .filter(method -> method.getName().equals(name))
                .sorted(PRIORITY)
                .toArray(Method[]::new);
        for (Method candidate : candidates) {
            Optional<LambdaEntry> entry = overload(candidate, json);
            if (entry.isPresent()) {
                return entry.get();
            }
        }
        throw new FunctionLoadException("No public method named " + name
                + " with appropriate method signature found on class " + type.getName());
    }

    /** The entry for one overload, or empty when Lambda would skip it. */
    static Optional<LambdaEntry> overload(Method method, LambdaJson json) {
        Type[] types = method.getGenericParameterTypes();
        Class<?>[] raw = method.getParameterTypes();
        switch (raw.length) {
            case 0:
                return Optional.of(pojo(method, null, false, json));
            case 1:
                if (raw[0] == InputStream.class) {
                    return Optional.of(streams(method, true, false, false));
                }
                if (raw[0] == OutputStream.class) {
                    return Optional.of(streams(method, false, true, false));
                }
                return Optional.of(raw[0] == Context.class
                        ? pojo(method, null, true, json) : pojo(method, types[0], false, json));
            case 2:
                return twoParameters(method, raw, types, json);
            case 3:
                return raw[0] == InputStream.class && raw[1] == OutputStream.class && raw[2] == Context.class
                        ? Optional.of(streams(method, true, true, true)) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static Optional<LambdaEntry> twoParameters(Method method, Class<?>[] raw, Type[] types, LambdaJson json) {
        if (raw[0] == OutputStream.class) {
            return raw[1] == Context.class ? Optional.of(streams(method, false, true, true)) : Optional.empty();
        }
        if (raw[0] == Context.class) {
            return Optional.empty();
        }
        if (raw[0] == InputStream.class) {
            if (raw[1] == OutputStream.class) {
                return Optional.of(streams(method, true, true, false));
            }
            return raw[1] == Context.class ? Optional.of(streams(method, true, false, true)) : Optional.empty();
        }
        return raw[1] == Context.class ? Optional.of(pojo(method, types[0], true, json)) : Optional.empty();
    }

    /** A method taking the event bound to {@code input} (if any) and the context (if it asks), returning a result. */
    private static LambdaEntry pojo(Method method, Type input, boolean needsContext, LambdaJson json) {
        JavaType inputType = input == null ? null : json.type(input);
        boolean isVoid = isVoid(method.getReturnType());
        return (instance, event, context) -> {
            Object[] arguments = new Object[(inputType == null ? 0 : 1) + (needsContext ? 1 : 0)];
            int next = 0;
            if (inputType != null) {
                arguments[next++] = json.read(event, inputType);
            }
            if (needsContext) {
                arguments[next] = context;
            }
            Object result = invoke(method, instance, arguments);
            return isVoid ? LambdaJson.jsonNull() : json.write(result);
        };
    }

    /** A method on the raw streams: its output is what it writes, or {@code null} if it takes no output stream. */
    private static LambdaEntry streams(Method method, boolean needsInput, boolean needsOutput, boolean needsContext) {
        return (instance, event, context) -> {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Object[] arguments = new Object[(needsInput ? 1 : 0) + (needsOutput ? 1 : 0) + (needsContext ? 1 : 0)];
            int next = 0;
            if (needsInput) {
                arguments[next++] = new ByteArrayInputStream(event);
            }
            if (needsOutput) {
                arguments[next++] = output;
            }
            if (needsContext) {
                arguments[next] = context;
            }
            invoke(method, instance, arguments);
            return needsOutput ? output.toByteArray() : LambdaJson.jsonNull();
        };
    }

    private static Object invoke(Method method, Object instance, Object[] arguments) throws Exception {
        try {
            return method.invoke(instance, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** Lambda's weight of a signature: its length, plus one when it ends with a {@code Context}. */
    private static int weight(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean endsWithContext = parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
        return parameters.length + (endsWithContext ? 1 : 0);
    }

    private static boolean isVoid(Class<?> type) {
        return type == void.class || type == Void.class;
    }
}
