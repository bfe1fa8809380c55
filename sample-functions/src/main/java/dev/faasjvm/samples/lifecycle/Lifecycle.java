package dev.faasjvm.samples.lifecycle;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows a replica's life: answers {@code replica=<id> constructed=<n> thread=<name>}, where
 * {@code n} counts the instances constructed since this class was loaded (so it restarts at 1 when
 * the JAR is loaded anew), and on {@code close()} appends {@code closed <replica>} to the file
 * named by the {@code CLOSE_LOG} env var, if set.
 */
public final class Lifecycle implements FunctionHandler, AutoCloseable {
    private static final AtomicInteger CONSTRUCTED = new AtomicInteger();

    private final FunctionContext context;

    public Lifecycle(FunctionContext context) {
        this.context = context;
        CONSTRUCTED.incrementAndGet();
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        return FunctionResponse.ok("replica=" + context.replicaId() + " constructed=" + CONSTRUCTED.get()
                + " thread=" + Thread.currentThread().getName());
    }

    @Override
    public void close() {
        context.env("CLOSE_LOG").ifPresent(log -> {
            try {
                Files.writeString(Path.of(log), "closed " + context.replicaId() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
