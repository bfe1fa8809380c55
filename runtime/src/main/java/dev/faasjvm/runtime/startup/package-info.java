/**
 * Start-up speed: the training run that the build makes with the runnable JAR, under the JVM
 * option that records what start-up loads (a class-data-sharing archive on JDK 17 to 24, an AOT
 * cache on JDK 25 and later), and the JVM options file that makes later runs map it instead of
 * loading and linking those classes again; and {@link dev.faasjvm.runtime.startup.EarlyInit}, which
 * runs the slowest class initialisers of start-up beside the main thread. Only {@code Main} uses this
 * package.
 */
package dev.faasjvm.runtime.startup;
