package dev.faasjvm.runtime.containment;

/** A class loader whose classes are rewritten and run under one function's {@link Containment}. */
public interface ContainedLoader {
    Containment containment();
}
