/**
 * Contains what a function does to the JVM it shares with every other function. A function's
 * class loader rewrites each class as it defines it ({@link dev.faasjvm.runtime.containment.ClassRewriter},
 * with ASM): calls to {@code System.exit}, {@code Runtime.exit/halt}, {@code System.setOut/setErr/setIn},
 * {@code System.getenv}, the system-property methods, {@code Locale} and {@code TimeZone} defaults,
 * {@code Runtime.addShutdownHook} and {@code Thread.setDefaultUncaughtExceptionHandler}, in direct
 * calls and in method references alike, go to the stubs of the {@code stubs} package, which act on
 * the function's own {@link dev.faasjvm.runtime.containment.Containment} instead.
 *
 * <p><b>Why at define time and not with an agent.</b> The runtime defines every function class
 * itself, so no Java agent, no instrumentation of JDK classes and no flag on the command line is
 * needed, and classes of the runtime and of other functions are never touched. The rewrite only
 * changes call sites: it adds nothing to a call that the function did not already make, so the
 * invocation path costs the same.
 *
 * <p><b>Why a constant-pool check first.</b> Most classes of a large function (a bundled library)
 * name none of the JDK classes involved; a scan of the constant pool answers that without parsing
 * the class, so those classes are defined from the very bytes read from the JAR.
 *
 * <p>What the rewrite cannot see (reflection, method handles looked up by name, JNI, classes a
 * function generates at run time, JDK code that reads a default itself) acts on the JVM as before;
 * the README lists it. This package knows neither HTTP nor the registry.
 */
package dev.faasjvm.runtime.containment;
