package dev.faasjvm.samples.untidy;

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
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * A handler that makes a mess the runtime must clean when it is retired: its constructor (which
 * takes the replica's context) starts a background thread that runs until interrupted, registers
 * a JDBC driver and adds a logging handler to the root logger. {@code close()} appends
 * {@code closed <replica>} to the file named by the env var {@code marker}, and then throws if
 * {@code close_fails} is {@code true}. A call answers the replica id and whether the driver is
 * registered. Each call also leaves this handler in a {@code ThreadLocal} of the thread it ran on,
 * as caches in libraries do: the replica's threads must end with it, or they would keep the
 * function's class loader alive.
 */
public final class Untidy implements FunctionHandler, AutoCloseable {
    private static final ThreadLocal<Untidy> LAST_SERVED = new ThreadLocal<>();

    private final FunctionContext context;

    public Untidy(FunctionContext context) throws SQLException {
        this.context = context;
        Thread background = new Thread(Untidy::runUntilInterrupted, "untidy-background-" + context.replicaId());
        background.setDaemon(true);
        background.start();
        DriverManager.registerDriver(new UntidyDriver());
        Logger.getLogger("").addHandler(new UntidyLogHandler());
    }

    private static void runUntilInterrupted() {
        try {
            while (true) {
                Thread.sleep(60_000);
            }
        } catch (InterruptedException e) {
            // interrupted by the runtime when the function is retired: end, as a well-behaved thread does
        }
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) throws SQLException {
        LAST_SERVED.set(this);
        boolean registered = DriverManager.getDriver(UntidyDriver.URL_PREFIX + "x") instanceof UntidyDriver;
        return FunctionResponse.ok(context.replicaId() + " driver=" + registered);
    }

    @Override
    public void close() {
        context.env("marker").ifPresent(marker -> append(Path.of(marker), "closed " + context.replicaId() + "\n"));
        if (context.env("close_fails").map(Boolean::parseBoolean).orElse(false)) {
            throw new IllegalStateException("untidy close() fails on purpose");
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
