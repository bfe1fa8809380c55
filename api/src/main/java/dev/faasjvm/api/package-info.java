/**
 * The types a faas-jvm function is written against: a {@link dev.faasjvm.api.FunctionHandler}
 * receives a {@link dev.faasjvm.api.FunctionRequest} and returns a
 * {@link dev.faasjvm.api.FunctionResponse}; its {@link dev.faasjvm.api.FunctionContext} says which
 * function and replica it is and holds its environment and secrets.
 *
 * <p>This package depends on the JDK only, and it is the only package the runtime shares with a
 * function's class loader: everything else a function uses comes from its own JAR. Nothing here
 * accepts or returns {@code null}; absent values are {@link java.util.Optional#empty()} or empty
 * collections, and a {@code null} argument throws {@link java.lang.NullPointerException}.
 *
 * <p>A complete function:
 *
 * <pre>{@code
 * package com.example;
 *
 * import dev.faasjvm.api.FunctionHandler;
 * import dev.faasjvm.api.FunctionRequest;
 * import dev.faasjvm.api.FunctionResponse;
 *
 * public final class Hello implements FunctionHandler {
 *     @Override
 *     public FunctionResponse handle(FunctionRequest request) {
 *         String name = request.queryParameter("name").orElse("world");
 *         return FunctionResponse.ok("Hello, " + name + "!");
 *     }
 * }
 * }</pre>
 *
 * <p>Package it as a JAR (with this API at {@code provided} scope) and deploy it with the JAR's
 * URL as the OpenFaaS {@code image}. A class that implements {@code java.util.function.Function}
 * instead is also a function: the runtime binds the JSON request body to its input type and writes
 * its result as JSON.
 */
package dev.faasjvm.api;
