package dev.faasjvm.runtime.testing;

/**
 * The tests' one way to ask for garbage collection, named so nobody mistakes it for something the
 * runtime does: leak detection waits for full collections, and tests cannot wait for the JVM to
 * choose one. Call it inside an {@code Awaits} condition, which repeats it until the verdict.
 */
public final class Gc {
    private Gc() {
    }

    /** Asks the JVM for a full collection ({@code System.gc()}, a full collection under every standard collector). */
    public static void collectGarbageForTest() {
        System.gc();
    }
}
