package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class FunctionResourcesTest {
    @Test
    void write_everyField_matchesGoldenJsonWithGpuKeys() {
        FunctionResources resources = new FunctionResources("128M", "100m", "1", "2", "3");

        String json = Json.writeString(resources);

        assertEquals("""
                {"memory":"128M","cpu":"100m","nvidia.com/gpu":"1","amd.com/gpu":"2","intel.com/gpu":"3"}""",
                json);
    }

    @Test
    void write_noFields_isEmptyObject() {
        FunctionResources resources = new FunctionResources(null, null, null, null, null);

        String json = Json.writeString(resources);

        assertEquals("{}", json);
    }

    @Test
    void read_writtenResources_roundTripsToEqualRecord() {
        FunctionResources resources = new FunctionResources("1Gi", "0.5", "", "1", "");

        FunctionResources read = Json.read(Json.write(resources), FunctionResources.class);

        assertEquals(resources, read);
    }

    @Test
    void read_gpuKeysInAnyCase_matchFields() {
        byte[] json = """
                {"NVIDIA.com/GPU":"1","Memory":"5Mi"}""".getBytes(StandardCharsets.UTF_8);

        FunctionResources resources = Json.read(json, FunctionResources.class);

        assertEquals(new FunctionResources("5Mi", "", "1", "", ""), resources);
    }

    @Test
    void write_usage_printsFloatsMinimally() {
        FunctionUsage usage = new FunctionUsage(1337, 0.5);

        String json = Json.writeString(usage);

        assertEquals("""
                {"cpu":1337,"totalMemoryBytes":0.5}""", json);
    }

    @Test
    void write_zeroUsage_isEmptyObject() {
        FunctionUsage usage = new FunctionUsage(0, 0);

        String json = Json.writeString(usage);

        assertEquals("{}", json);
    }

    @Test
    void read_writtenUsage_roundTripsToEqualRecord() {
        FunctionUsage usage = new FunctionUsage(12.5, 123456789);

        FunctionUsage read = Json.read(Json.write(usage), FunctionUsage.class);

        assertEquals(usage, read);
    }
}
