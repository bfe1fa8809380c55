/**
 * What each function uses: CPU time and heap allocation measured around each call on the thread
 * that runs it ({@link dev.faasjvm.runtime.accounting.CallMeter}, from the JVM's
 * {@code ThreadMXBean}), summed per function ({@link dev.faasjvm.runtime.accounting.FunctionAccount}),
 * and served as Prometheus counters and as the function status's {@code usage}.
 *
 * <p><b>Why around the call and not by sampling.</b> Every function shares the JVM's threads'
 * CPU, so nothing outside the call knows which function a cycle was for; the replica thread running
 * a call does, and its own CPU and allocation counters are cheap to read (a few hundred
 * nanoseconds for both). Threads a function starts itself are not measured.
 *
 * <p>This package knows neither HTTP, JSON nor the registry: it imports only the JDK.
 */
package dev.faasjvm.runtime.accounting;
