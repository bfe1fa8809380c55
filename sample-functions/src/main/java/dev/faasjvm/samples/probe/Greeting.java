package dev.faasjvm.samples.probe;

/** A service interface the probe declares in its own {@code META-INF/services}, to see whose services it finds. */
public interface Greeting {
    /** A word of greeting. */
    String greet();
}
