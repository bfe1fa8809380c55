package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FunctionNamespaceTest {
    @Test
    void write_nameOnly_dropsEmptyLabelsAndAnnotations() {
        FunctionNamespace namespace = new FunctionNamespace("openfaas-fn", Map.of(), null);

        String json = Json.writeString(namespace);

        assertEquals("""
                {"name":"openfaas-fn"}""", json);
    }

    @Test
    void write_everyField_matchesGoldenJsonInGoFieldOrder() {
        FunctionNamespace namespace = new FunctionNamespace("dev",
                Map.of("openfaas", "1"), Map.of("owner", "team-a"));

        String json = Json.writeString(namespace);

        assertEquals("""
                {"name":"dev","annotations":{"owner":"team-a"},"labels":{"openfaas":"1"}}""", json);
    }

    @Test
    void read_writtenNamespace_roundTripsToEqualRecord() {
        FunctionNamespace namespace = new FunctionNamespace("dev", Map.of("a", "1"), Map.of("b", "2"));

        FunctionNamespace read = Json.read(Json.write(namespace), FunctionNamespace.class);

        assertEquals(namespace, read);
    }

    @Test
    void read_nullLabelsAndAnnotations_becomeEmptyMaps() {
        byte[] json = """
                {"Name":"dev","labels":null,"annotations":null}""".getBytes(StandardCharsets.UTF_8);

        FunctionNamespace namespace = Json.read(json, FunctionNamespace.class);

        assertEquals(new FunctionNamespace("dev", Map.of(), Map.of()), namespace);
    }
}
