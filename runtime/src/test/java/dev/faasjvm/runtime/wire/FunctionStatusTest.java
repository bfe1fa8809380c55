package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FunctionStatusTest {
    private static final Instant CREATED = Instant.parse("2019-06-11T11:23:28.852577475Z");
    private static final FunctionDeployment SPEC = new FunctionDeployment(
            "figlet", "https://repo.example/figlet.jar", "openfaas-fn", "java Figlet",
            Map.of("LANG", "C"), List.of("zone=a"), List.of("api-key"),
            Map.of("com.openfaas.scale.min", "1"), Map.of("topic", "cron"),
            FunctionResources.of("128M", "100m"), null, true);

    @Test
    void of_deployedSpec_copiesEveryFieldWithServiceAsName() {
        FunctionStatus status = FunctionStatus.of(SPEC, 2, 1, 1337, CREATED);

        assertEquals(new FunctionStatus("figlet", "https://repo.example/figlet.jar", "openfaas-fn",
                "java Figlet", Map.of("LANG", "C"), List.of("zone=a"), List.of("api-key"),
                Map.of("com.openfaas.scale.min", "1"), Map.of("topic", "cron"),
                FunctionResources.of("128M", "100m"), null, true, 1337, 2, 1, CREATED, null), status);
    }

    @Test
    void write_zeroReplicasAndEmptyMetadata_keepsLabelsAnnotationsAndCreatedAtOnly() {
        FunctionStatus status = FunctionStatus.of(
                FunctionDeployment.of("figlet", "alexellis2/figlet"), 0, 0, 0,
                Instant.parse("2019-06-11T11:23:28Z"));

        String json = Json.writeString(status);

        assertEquals("""
                {"name":"figlet","image":"alexellis2/figlet","labels":{},"annotations":{},\
                "createdAt":"2019-06-11T11:23:28Z"}""", json);
    }

    @Test
    void write_everyField_matchesGoldenJsonInGoFieldOrder() {
        FunctionStatus status = new FunctionStatus("figlet", "img", "openfaas-fn", "java Figlet",
                Map.of("LANG", "C"), List.of("zone=a"), List.of("api-key"), Map.of("l", "1"),
                Map.of("a", "2"), FunctionResources.of("128M", ""), FunctionResources.of("", "50m"),
                true, 1337, 2, 1, CREATED, new FunctionUsage(0.25, 1048576));

        String json = Json.writeString(status);

        assertEquals("""
                {"name":"figlet","image":"img","namespace":"openfaas-fn","envProcess":"java Figlet",\
                "envVars":{"LANG":"C"},"constraints":["zone=a"],"secrets":["api-key"],\
                "labels":{"l":"1"},"annotations":{"a":"2"},"limits":{"memory":"128M"},\
                "requests":{"cpu":"50m"},"readOnlyRootFilesystem":true,"invocationCount":1337,\
                "replicas":2,"availableReplicas":1,"createdAt":"2019-06-11T11:23:28.852577475Z",\
                "usage":{"cpu":0.25,"totalMemoryBytes":1048576}}""", json);
    }

    @Test
    void write_zeroReplicasOnly_dropsBothReplicaKeys() {
        FunctionStatus status = FunctionStatus.of(SPEC, 0, 0, 5, CREATED);

        String json = Json.writeString(status);

        assertAll(
                () -> assertFalse(json.contains("\"replicas\""), json),
                () -> assertFalse(json.contains("\"availableReplicas\""), json),
                () -> assertTrue(json.contains("\"invocationCount\":5,"), json));
    }

    @Test
    void read_writtenStatus_roundTripsToEqualRecord() {
        FunctionStatus status = new FunctionStatus("figlet", "img", "ns", "", Map.of("K", "v"),
                List.of(), List.of("s"), Map.of(), Map.of("a", "b"), null,
                FunctionResources.of("1G", "1"), false, 0.5, 3, 3, CREATED, new FunctionUsage(12, 0));

        FunctionStatus read = Json.read(Json.write(status), FunctionStatus.class);

        assertEquals(status, read);
    }

    @Test
    void read_missingCountsAndCreatedAt_areZeroAndGoZeroTime() {
        FunctionStatus status = read("""
                {"name":"figlet","image":"img","replicas":null}""");

        assertAll(
                () -> assertEquals(0, status.replicas(), "replicas"),
                () -> assertEquals(0, status.availableReplicas(), "availableReplicas"),
                () -> assertEquals(0.0, status.invocationCount(), "invocationCount"),
                () -> assertEquals(Instant.parse("0001-01-01T00:00:00Z"), status.createdAt(),
                        "createdAt"));
    }

    @Test
    void write_missingCreatedAt_printsGoZeroTime() {
        FunctionStatus status = read("""
                {"name":"figlet","image":"img"}""");

        String json = Json.writeString(status);

        assertEquals("""
                {"name":"figlet","image":"img","labels":{},"annotations":{},\
                "createdAt":"0001-01-01T00:00:00Z"}""", json);
    }

    @Test
    void read_createdAtWithOffset_isTheSameInstantInUtc() {
        FunctionStatus status = read("""
                {"name":"figlet","image":"img","createdAt":"2019-06-11T13:23:28.8525+02:00"}""");

        assertEquals(Instant.parse("2019-06-11T11:23:28.8525Z"), status.createdAt());
    }

    @Test
    void read_negativeAvailableReplicas_failsNamingTheField() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> read("""
                {"name":"figlet","availableReplicas":-1}"""));

        assertEquals("Invalid JSON: field \"availableReplicas\": expected a non-negative integer, got -1",
                e.getMessage());
    }

    @Test
    void of_negativeReplicas_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FunctionStatus.of(SPEC, -1, 0, 0, CREATED));

        assertEquals("Field \"replicas\" must not be negative, got -1", e.getMessage());
    }

    private static FunctionStatus read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), FunctionStatus.class);
    }
}
