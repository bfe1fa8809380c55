/**
 * The faas-provider HTTP contract on Jetty 12 core: one {@code Handler} per route family, the
 * route paths in {@link dev.faasjvm.runtime.http.Routes}, and the mapping of back-end failures to
 * status codes in {@link dev.faasjvm.runtime.http.ErrorResponses}. Handlers speak the wire records
 * and {@link dev.faasjvm.runtime.backend.ProviderBackend}; nothing here knows class loaders or
 * replicas, and no user code runs on a Jetty thread.
 */
package dev.faasjvm.runtime.http;
