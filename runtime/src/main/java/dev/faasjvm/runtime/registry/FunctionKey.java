package dev.faasjvm.runtime.registry;

import java.util.Objects;

/**
 * A function's identity: its name within its namespace.
 *
 * @param name the function name (OpenFaaS {@code service})
 * @param namespace the namespace, never empty
 */
record FunctionKey(String name, String namespace) {
    FunctionKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** {@code name.namespace}, as OpenFaaS writes a qualified function name. */
    @Override
    public String toString() {
        return name + "." + namespace;
    }
}
