package dev.faasjvm.samples.sleep;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * Sleeps for the {@code ms} query parameter (default 0), then answers {@code slept <ms>ms}.
 * The sleep is interruptible; with {@code ignoreInterrupt=true} it spins until the time is up
 * whatever happens, the way a stuck function would. With {@code readFrom=host:port} it instead
 * connects there and waits up to the time for a byte, a blocking read in native code (the
 * thread shows as runnable meanwhile), the way a function calling a slow service would.
 */
public final class Sleep implements FunctionHandler {
    @Override
    public FunctionResponse handle(FunctionRequest request) throws InterruptedException {
        long millis = Long.parseLong(request.queryParameter("ms").orElse("0"));
        Optional<String> readFrom = request.queryParameter("readFrom");
        if (readFrom.isPresent()) {
            String[] hostPort = readFrom.get().split(":");
            try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                socket.setSoTimeout((int) millis);
                socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                // waited the whole time, as asked
            } catch (IOException e) {
                return FunctionResponse.text(502, "cannot read from " + readFrom.get() + ": " + e);
            }
        } else if (Boolean.parseBoolean(request.queryParameter("ignoreInterrupt").orElse("false"))) {
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
