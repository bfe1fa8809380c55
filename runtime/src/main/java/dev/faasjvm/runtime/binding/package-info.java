/**
 * Adapts a handler class that implements {@code java.util.function.Function} to the runtime's
 * {@code FunctionHandler} contract: binds the JSON request body to the function's input type and
 * writes its output as JSON ({@code String} and {@code byte[]} pass through untouched).
 *
 * <p>Each function generation gets its own Jackson mapper and type factory, never the shared one:
 * Jackson caches serializers and resolved types per mapper, and a shared cache would keep a
 * deleted function's classes, and so its whole class loader, reachable for ever.
 */
package dev.faasjvm.runtime.binding;
