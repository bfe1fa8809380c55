package dev.faasjvm.runtime.platform;

import dev.faasjvm.api.FunctionHandler;

/**
 * Turns one instance of a platform's handler class into a {@link FunctionHandler}. Made once per
 * replica start, after the handler class has been checked, so a handler the platform could not call
 * fails its deploy; thread-safe.
 */
@FunctionalInterface
public interface HandlerAdapter {
    /** The handler that calls {@code instance} as its platform would. */
    FunctionHandler adapt(Object instance);
}
