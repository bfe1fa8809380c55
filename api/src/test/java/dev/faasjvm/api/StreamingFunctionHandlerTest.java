package dev.faasjvm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A streaming handler called through {@link FunctionHandler#handle(FunctionRequest)} collects its answer. */
final class StreamingFunctionHandlerTest {

    @Test
    void handle_withoutAStream_collectsStatusHeadersAndEveryFlushedPart() throws Exception {
        StreamingFunctionHandler handler = (request, response) -> {
            response.setStatus(202);
            response.addHeader("X-Part", "a");
            response.addHeader("X-Part", "b");
            response.setHeader("content-type", "text/plain");
            response.setHeader("Content-Type", "text/csv");
            response.body().write("one,".getBytes(StandardCharsets.UTF_8));
            response.body().flush();
            response.setHeader("X-Late", "still set: nothing was committed");
            response.body().write("two".getBytes(StandardCharsets.UTF_8));
        };

        FunctionResponse answer = handler.handle(null);

        assertEquals(new FunctionResponse(202, Map.of("X-Part", List.of("a", "b"), "Content-Type", List.of("text/csv"),
                "X-Late", List.of("still set: nothing was committed")), "one,two".getBytes(StandardCharsets.UTF_8)), answer);
    }

    @Test
    void setStatus_outOfRange_isRefused() {
        StreamingFunctionHandler handler = (request, response) -> response.setStatus(600);

        assertThrows(IllegalArgumentException.class, () -> handler.handle(null));
    }
}
