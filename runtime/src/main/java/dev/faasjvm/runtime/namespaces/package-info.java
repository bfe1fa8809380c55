/**
 * The namespaces of the JVM back-end: the default {@code openfaas-fn} plus those created through
 * {@code /system/namespace/}, kept in a {@link dev.faasjvm.runtime.state.NamespaceStore}. This
 * package answers which namespaces exist; it knows nothing of HTTP, and the rule that a namespace
 * must be empty before it is deleted belongs to the registry that knows what lives in it.
 */
package dev.faasjvm.runtime.namespaces;
