package dev.faasjvm.runtime;

/** Placeholder while the runtime is built. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
    }
}
