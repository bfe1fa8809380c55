package dev.faasjvm.samples.slowstart;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A handler whose constructor does not return while the file named by the {@code HOLD_WHILE} env
 * var exists (a constructor that never returns, as long as a test wants); with
 * {@code IGNORE_INTERRUPT=true} it ignores interrupts while it waits, the way a stuck constructor
 * would. While it holds it writes its replica id to {@code <file>.started}, so a test knows it is
 * constructing. Once constructed it answers {@code ready <replica>}.
 */
public final class SlowStart implements FunctionHandler {
    private final String replica;

    public SlowStart(FunctionContext context) throws InterruptedException {
        this.replica = context.replicaId();
        boolean ignoreInterrupt = Boolean.parseBoolean(context.env("IGNORE_INTERRUPT").orElse("false"));
        Path hold = context.env("HOLD_WHILE").map(Path::of).orElse(null);
        if (hold != null && Files.exists(hold)) {
            try {
                Files.writeString(hold.resolveSibling(hold.getFileName() + ".started"), replica);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        while (hold != null && Files.exists(hold)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                if (!ignoreInterrupt) {
                    throw e;
                }
            }
        }
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) {
        return FunctionResponse.ok("ready " + replica);
    }
}
