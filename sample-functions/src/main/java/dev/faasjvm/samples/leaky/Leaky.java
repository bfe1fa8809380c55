package dev.faasjvm.samples.leaky;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/**
 * A handler that keeps its own class loader alive after it is retired, in the way its env var
 * {@code leak} says: {@code thread} starts a thread that swallows interrupts and never ends (as
 * many as the env var {@code threads} says, 1 by default);
 * {@code registry} puts an instance of this class into the JVM's {@code System.getProperties()}, a
 * map the JDK keeps for the life of the JVM, reached by reflection because the runtime gives a
 * function that calls {@code System.getProperties()} its own copy. Without the env var it leaks
 * nothing.
 */
public final class Leaky implements FunctionHandler {
    private final String mode;

    public Leaky(FunctionContext context) {
        mode = context.env("leak").orElse("none");
        if (mode.equals("thread")) {
            int threads = Integer.parseInt(context.env("threads").orElse("1"));
            for (int i = 0; i < threads; i++) {
                String name = "leaky-stubborn-" + context.replicaId() + (i == 0 ? "" : "-" + i);
                Thread stubborn = new Thread(Leaky::neverEnd, name);
                stubborn.setDaemon(true);
                stubborn.start();
            }
        } else if (mode.equals("registry")) {
            jvmProperties().put("dev.faasjvm.samples.leaky." + context.replicaId(), this);
        }
    }

    private static java.util.Properties jvmProperties() {
        try {
            return (java.util.Properties) System.class.getMethod("getProperties").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void neverEnd() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // swallowed on purpose: this thread is the leak
            }
        }
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        return FunctionResponse.ok("leaky: " + mode);
    }
}
