package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class LogMessageTest {
    @Test
    void write_faasProviderExampleLine_matchesGoldenJson() {
        LogMessage message = new LogMessage("echo", "openfaas-fn", "echo-6878-2mb4b",
                Instant.parse("2019-06-11T11:24:33.708715287Z"), "Forking fprocess.\n");

        String json = Json.writeString(message);

        assertEquals("""
                {"name":"echo","namespace":"openfaas-fn","instance":"echo-6878-2mb4b",\
                "timestamp":"2019-06-11T11:24:33.708715287Z","text":"Forking fprocess.\\n"}""", json);
    }

    @Test
    void write_emptyMessage_keepsEveryKey() {
        LogMessage message = new LogMessage(null, null, null, null, null);

        String json = Json.writeString(message);

        assertEquals("""
                {"name":"","namespace":"","instance":"","timestamp":"0001-01-01T00:00:00Z","text":""}""",
                json);
    }

    @Test
    void read_writtenMessage_roundTripsToEqualRecord() {
        LogMessage message = new LogMessage("echo", "ns", "echo-1",
                Instant.parse("2024-01-02T03:04:05.000000001Z"), "line\n");

        LogMessage read = Json.read(Json.write(message), LogMessage.class);

        assertEquals(message, read);
    }
}
