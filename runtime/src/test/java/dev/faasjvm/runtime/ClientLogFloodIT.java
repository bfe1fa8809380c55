package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.ForkedRuntime;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that closes its connection mid-body, or sends a bad chunk, is no server error and no
 * way to flood the runtime's log (issue 10: 25-33 SEVERE lines per connection, unauthenticated).
 * A forked runtime, so that its whole standard error can be read.
 */
@Timeout(60)
final class ClientLogFloodIT {
    @TempDir
    Path work;

    private ForkedRuntime runtime;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null && runtime.isAlive()) {
            runtime.kill();
        }
    }

    @Test
    void earlyEofAndBadChunks_logNoErrors() throws Exception {
        runtime = ForkedRuntime.start(work.resolve("state"), work.resolve("stderr.txt"));

        for (int i = 0; i < 10; i++) {
            sendAndClose("POST /function/nope HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b");
            sendAndClose("POST /system/secrets HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b");
            sendAndClose("POST /function/nope HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nab\r\n");
        }

        Awaits.atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(2))
                .until(() -> !runtime.errors().contains("SEVERE") && !runtime.errors().contains("Exception"));
        assertFalse(runtime.errors().contains("Internal error"), runtime.errors());
    }

    private void sendAndClose(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", runtime.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
    }
}
