package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.runtime.binding.JsonFunctionHandler;
import dev.faasjvm.runtime.loader.HandlerClass;
import dev.faasjvm.runtime.loader.HandlerKind;
import java.util.function.Function;

/**
 * Creates a generation's handler instances and adapts each to {@link FunctionHandler}: a
 * {@code FunctionHandler} is called as it is, a {@code java.util.function.Function} through
 * {@link JsonFunctionHandler}.
 */
final class HandlerFactory {
    private final HandlerClass handlerClass;

    HandlerFactory(HandlerClass handlerClass) {
        this.handlerClass = handlerClass;
    }

    Object create(FunctionContext context) {
        return handlerClass.newInstance(context);
    }

    FunctionHandler adapt(Object instance) {
        return handlerClass.kind() == HandlerKind.HANDLER
                ? (FunctionHandler) instance
                : JsonFunctionHandler.of((Function<?, ?>) instance);
    }
}
