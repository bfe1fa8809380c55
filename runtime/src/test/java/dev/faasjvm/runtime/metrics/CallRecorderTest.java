package dev.faasjvm.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.backend.FunctionGauges;
import dev.faasjvm.runtime.testing.AllAtOnce;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CallRecorderTest {
    private static final double[] BOUNDS = {0.001, 0.01, 1};

    @Test
    void aDuration_fallsInTheFirstBucketWhoseBoundIsNotBelowIt_andTheRestInInf() {
        CallRecorder recorder = new CallRecorder(BOUNDS, CallRecorder.toNanos(BOUNDS));
        recorder.record(0);
        recorder.record(1_000_000); // exactly 1 ms: le="0.001"
        recorder.record(1_000_001);
        recorder.record(10_000_000);
        recorder.record(999_999_999);
        recorder.record(5_000_000_000L);

        CallRecorder.Snapshot snapshot = recorder.snapshot();

        assertArrayEquals(new long[] {2, 2, 1, 1}, snapshot.counts());
        assertEquals(6, snapshot.count());
        assertEquals(6, recorder.count());
        assertEquals((1_000_000 + 1_000_001 + 10_000_000 + 999_999_999 + 5_000_000_000L) / 1e9, snapshot.sumSeconds(),
                1e-12);
    }

    @Test
    void concurrentRecords_fromManyThreads_areAllCounted() throws Exception {
        CallRecorder recorder = new CallRecorder(BOUNDS, CallRecorder.toNanos(BOUNDS));
        int threads = 8;
        int each = 20_000;
        AllAtOnce.run(threads, () -> {
            for (int i = 0; i < each; i++) {
                recorder.record(2_000_000);
            }
        });

        CallRecorder.Snapshot snapshot = recorder.snapshot();
        assertArrayEquals(new long[] {0, (long) threads * each, 0, 0}, snapshot.counts());
        assertEquals(threads * each * 0.002, snapshot.sumSeconds(), 1e-6);
    }

    @Test
    void scrape_writesTheGatewaysCounterAndHistogram_inPrometheusText() throws Exception {
        // The back-end lists echo, so a scrape keeps its meters (it forgets those of functions not listed).
        RuntimeMetrics metrics = RuntimeMetrics.create(() -> List.of(new FunctionGauges("echo", "openfaas-fn", 1, 1, 0, 0, 0)));
        FunctionMeters meters = metrics.of("echo", "openfaas-fn");
        meters.record(200, 200_000); // 0.2 ms
        meters.record(200, 3_000_000); // 3 ms
        meters.record(500, 20_000_000_000L); // 20 s
        assertEquals(3, meters.invocations());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);

        String echo = "function_name=\"echo.openfaas-fn\"";
        for (String line : List.of(
                "# TYPE gateway_function_invocation_total counter",
                "gateway_function_invocation_total{code=\"200\"," + echo + "} 2.0",
                "gateway_function_invocation_total{code=\"500\"," + echo + "} 1.0",
                "# TYPE gateway_functions_seconds histogram",
                "gateway_functions_seconds_bucket{code=\"200\"," + echo + ",le=\"1.0E-4\"} 0",
                "gateway_functions_seconds_bucket{code=\"200\"," + echo + ",le=\"2.5E-4\"} 1",
                "gateway_functions_seconds_bucket{code=\"200\"," + echo + ",le=\"0.0025\"} 1",
                "gateway_functions_seconds_bucket{code=\"200\"," + echo + ",le=\"0.005\"} 2",
                "gateway_functions_seconds_bucket{code=\"200\"," + echo + ",le=\"+Inf\"} 2",
                "gateway_functions_seconds_count{code=\"200\"," + echo + "} 2",
                "gateway_functions_seconds_sum{code=\"200\"," + echo + "} 0.0032",
                "gateway_functions_seconds_bucket{code=\"500\"," + echo + ",le=\"10.0\"} 0",
                "gateway_functions_seconds_bucket{code=\"500\"," + echo + ",le=\"+Inf\"} 1")) {
            assertEquals(true, text.lines().anyMatch(line::equals), "missing line: " + line + "\nin:\n" + text);
        }

        metrics.forget("echo", "openfaas-fn");
        out.reset();
        metrics.writeTo(out);
        assertEquals(false, out.toString(StandardCharsets.UTF_8).lines()
                .anyMatch(line -> (line.startsWith("gateway_function_invocation")
                        || line.startsWith("gateway_functions_seconds")) && line.contains(echo)),
                "a forgotten function's calls go");
    }
}
