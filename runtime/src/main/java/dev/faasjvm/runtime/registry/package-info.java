/**
 * The JVM back-end: keeps the deployed functions, turns a deployment into a generation of
 * replicas (handler instances with their own worker threads), routes each call to a replica, and
 * retires generations after their calls drain. It implements
 * {@link dev.faasjvm.runtime.backend.ProviderBackend} and knows nothing of HTTP: no Jetty type
 * appears here.
 */
package dev.faasjvm.runtime.registry;
