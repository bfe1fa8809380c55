package dev.faasjvm.samples.twohandlers;

import java.util.function.Function;

/** The other of two handlers in one JAR. */
public final class Second implements Function<String, String> {
    @Override
    public String apply(String input) {
        return "second:" + input;
    }
}
