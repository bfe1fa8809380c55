/**
 * The seam between the HTTP surface and whatever runs functions, after faas-provider's
 * {@code FaaSHandlers}: {@link dev.faasjvm.runtime.backend.ProviderBackend} has one operation per
 * provider route, speaking the wire records, and a small set of unchecked exceptions that the HTTP
 * layer maps to status codes in one place.
 *
 * <p>Nothing here knows Jetty, class loaders or files: the JVM back-end implements the interface,
 * and another back-end (remote, Kubernetes, in-memory) could plug into the same surface.
 */
package dev.faasjvm.runtime.backend;
