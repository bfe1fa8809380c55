package dev.faasjvm.runtime.loader;

import java.io.IOException;
import java.util.Objects;

/**
 * One loaded generation of a function: its class loader and handler class. Closing it closes the
 * loader's JAR files; do that only after every call using its classes has finished.
 */
public final class LoadedFunction implements AutoCloseable {
    private final FunctionClassLoader loader;
    private final HandlerClass handler;

    LoadedFunction(FunctionClassLoader loader, HandlerClass handler) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    public ClassLoader loader() {
        return loader;
    }

    public HandlerClass handler() {
        return handler;
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot close class loader " + loader.getName(), e);
        }
    }

    static void closeQuietly(FunctionClassLoader loader, Throwable primary) {
        try {
            loader.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
