package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ScaleServiceRequestTest {
    @Test
    void write_zeroReplicasNoNamespace_keepsReplicasAndDropsNamespace() {
        ScaleServiceRequest request = new ScaleServiceRequest("figlet", 0, "");

        String json = Json.writeString(request);

        assertEquals("""
                {"serviceName":"figlet","replicas":0}""", json);
    }

    @Test
    void write_everyField_matchesGoldenJson() {
        ScaleServiceRequest request = new ScaleServiceRequest("figlet", 3, "openfaas-fn");

        String json = Json.writeString(request);

        assertEquals("""
                {"serviceName":"figlet","replicas":3,"namespace":"openfaas-fn"}""", json);
    }

    @Test
    void read_writtenRequest_roundTripsToEqualRecord() {
        ScaleServiceRequest request = new ScaleServiceRequest("figlet", 5, "ns");

        ScaleServiceRequest read = Json.read(Json.write(request), ScaleServiceRequest.class);

        assertEquals(request, read);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"serviceName":"figlet","replicas":2}                      | 2
            {"SERVICENAME":"figlet","Replicas":2,"unknown":[1,{}]}     | 2
            {"serviceName":"figlet","replicas":null}                   | 0
            {"serviceName":"figlet"}                                   | 0
            {"serviceName":"figlet","replicas":9223372036854775807}    | 9223372036854775807
            """)
    void read_validReplicas_areReadAsGoDoes(String json, long expected) {
        ScaleServiceRequest request = read(json);

        assertEquals(new ScaleServiceRequest("figlet", expected, ""), request);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"replicas":-1}                     | field "replicas": expected a non-negative integer, got -1
            {"replicas":1.5}                    | field "replicas": expected a non-negative integer, got 1.5
            {"replicas":"3"}                    | field "replicas": expected a number, got a string
            {"replicas":true}                   | field "replicas": expected a number, got a boolean
            {"replicas":[3]}                    | field "replicas": expected a number, got an array
            {"serviceName":3}                   | field "serviceName": expected a string, got a number
            """)
    void read_invalidInput_failsNamingTheField(String json, String problem) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> read(json));

        assertEquals("Invalid JSON: " + problem, e.getMessage());
    }

    @Test
    void constructor_negativeReplicas_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ScaleServiceRequest("figlet", -1, ""));
    }

    private static ScaleServiceRequest read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), ScaleServiceRequest.class);
    }
}
