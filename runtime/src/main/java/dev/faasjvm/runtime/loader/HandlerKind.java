package dev.faasjvm.runtime.loader;

import dev.faasjvm.api.FunctionHandler;
import java.util.function.Function;

/** The shapes of class the runtime can call as a function. */
public enum HandlerKind {
    /** Implements {@link FunctionHandler}: called with the request, returns the response. */
    HANDLER(FunctionHandler.class),
    /** Implements {@link Function}: the JSON body is bound to its input, its output written as JSON. */
    FUNCTION(Function.class);

    private final Class<?> contract;

    HandlerKind(Class<?> contract) {
        this.contract = contract;
    }

    /** The interface a class implements to be of this kind. */
    public Class<?> contract() {
        return contract;
    }

    /** The kind of {@code type}, preferring {@link #HANDLER} when it implements both, or null. */
    static HandlerKind of(Class<?> type) {
        if (FunctionHandler.class.isAssignableFrom(type)) {
            return HANDLER;
        }
        return Function.class.isAssignableFrom(type) ? FUNCTION : null;
    }
}
