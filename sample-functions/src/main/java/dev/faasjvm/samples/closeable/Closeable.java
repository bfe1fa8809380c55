package dev.faasjvm.samples.closeable;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/**
 * Holds a resource it must give back: prints {@code closeable: call started}, sleeps for the
 * {@code ms} query parameter (default 0) and answers {@code done <ms>ms}; {@code close()} prints
 * {@code closeable: closed <replica>}. Both go to standard output, so a test of a forked runtime
 * can see a call in flight and the runtime closing the handler on the way down.
 */
public final class Closeable implements FunctionHandler, AutoCloseable {
    private final FunctionContext context;

    public Closeable(FunctionContext context) {
        this.context = context;
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) throws InterruptedException {
        long millis = Long.parseLong(request.queryParameter("ms").orElse("0"));
        System.out.println("closeable: call started");
        System.out.flush();
        Thread.sleep(millis);
        return FunctionResponse.ok("done " + millis + "ms");
    }

    @Override
    public void close() {
        System.out.println("closeable: closed " + context.replicaId());
        System.out.flush();
    }
}
