/**
 * Turns a function artifact into classes: resolves the image to JARs (through
 * the {@code artifact} package), builds the function's class loader and finds its handler
 * class; and unloads it again (with the {@code unload} package), deregistering its JDBC
 * drivers from inside its own loader, which is the only caller {@code DriverManager} allows.
 *
 * <p><b>Why the loader chain is function JAR, then {@link dev.faasjvm.runtime.loader.ApiOnlyClassLoader},
 * then the platform loader.</b> A function must see the {@code dev.faasjvm.api} types the runtime
 * calls it through (one {@code Class} object on both sides, or the cast to {@code FunctionHandler}
 * fails), and nothing else of the runtime: not Jetty, Jackson, Caffeine or ClassGraph, whose
 * versions would otherwise clash with the ones a function bundles. Parenting on the application
 * loader would expose all of them; parenting on the platform loader alone would hide the API. The
 * middle loader therefore shares exactly one package, compared by equality: a prefix test would
 * also share {@code dev.faasjvm.api.internal} or, worse, {@code dev.faasjvm.runtime}.
 *
 * <p><b>Why the context class loader is swapped.</b> Libraries inside a function ({@code ServiceLoader},
 * JSON binders, JDBC) look classes up through the thread's context class loader. Replica threads
 * run with the function's loader as context loader during construction and every call, restored in
 * {@code finally}, so those lookups find the function's classes and never the runtime's.
 *
 * <p><b>Why a loader closes only after in-flight calls drain.</b> Closing a {@code URLClassLoader}
 * closes its JAR files; a call still running would then fail to load its next class. Retiring a
 * generation therefore stops routing, waits for calls to finish, closes handlers, stops the
 * function's threads, deregisters its drivers and logging handlers, and only then closes the
 * loader and hands it to the leak detector.
 *
 * <p>This package knows neither HTTP nor JSON: it imports no Jetty or Jackson type.
 */
package dev.faasjvm.runtime.loader;
