package dev.faasjvm.samples.probe;

/** The probe's one {@link Greeting}, listed in its {@code META-INF/services}. */
public final class ProbeGreeting implements Greeting {
    @Override
    public String greet() {
        return "hello from the probe";
    }
}
