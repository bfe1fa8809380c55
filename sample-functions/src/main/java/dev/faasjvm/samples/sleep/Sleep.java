package dev.faasjvm.samples.sleep;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/**
 * Sleeps for the {@code ms} query parameter (default 0), then answers {@code slept <ms>ms}.
 * The sleep is interruptible; with {@code ignoreInterrupt=true} it spins until the time is up
 * whatever happens, the way a stuck function would.
 */
public final class Sleep implements FunctionHandler {
    @Override
    public FunctionResponse handle(FunctionRequest request) throws InterruptedException {
        long millis = Long.parseLong(request.queryParameter("ms").orElse("0"));
        if (Boolean.parseBoolean(request.queryParameter("ignoreInterrupt").orElse("false"))) {
            long end = System.nanoTime() + millis * 1_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        } else {
            Thread.sleep(millis);
        }
        return FunctionResponse.ok("slept " + millis + "ms");
    }
}
