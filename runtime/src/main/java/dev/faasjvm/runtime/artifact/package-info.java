/**
 * Turns a deployment's {@code image} into JAR files on local disk: a {@code file:}, {@code http:} or
 * {@code https:} URL or an absolute path, to a JAR, a zip of JARs (a Gradle or Maven distribution
 * with {@code lib/*.jar}) or a folder of JARs, optionally pinned by a {@code #sha256=<hex>} fragment
 * that is checked before anything is loaded.
 *
 * <p><b>Why downloads go through a content-addressed cache.</b> A function is loaded from files
 * that must not change under it, and the same artifact deployed as many functions, or again after
 * a restart, should cross the network once. Each download is written to a temporary file while its
 * SHA-256 is computed, checked, and only then moved (atomically) to a file named by that hash, so a
 * failed or interrupted download never leaves a file that looks complete. A Caffeine index bounds
 * the cache's total size; files in use by a loaded function are leased and never deleted under it.
 *
 * <p>Nothing here knows HTTP servers, JSON or class loaders: it imports no Jetty or Jackson type,
 * and downloads with the JDK's {@link java.net.http.HttpClient}. Every failure is an
 * {@link dev.faasjvm.runtime.artifact.ArtifactException} whose message names the image and the cause.
 */
package dev.faasjvm.runtime.artifact;
