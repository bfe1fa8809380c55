package dev.faasjvm.samples.nohandler;

/** A class that is not a function: a JAR holding only this has no handler. */
public final class Plain {
    @Override
    public String toString() {
        return "plain";
    }
}
