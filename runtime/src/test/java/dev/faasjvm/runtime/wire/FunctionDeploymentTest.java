package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class FunctionDeploymentTest {
    private static final FunctionDeployment FULL = new FunctionDeployment(
            "figlet", "https://repo.example/figlet.jar", "openfaas-fn", "java Figlet",
            Map.of("write_debug", "true", "LANG", "C"), List.of("node.platform.os == linux"),
            List.of("api-key"), Map.of("com.openfaas.scale.min", "1"), Map.of("topic", "cron"),
            FunctionResources.of("128M", "100m"), FunctionResources.of("64M", ""), true);

    @Test
    void write_minimalDeployment_emitsOnlyServiceAndImage() {
        FunctionDeployment deployment = FunctionDeployment.of("figlet", "alexellis2/figlet");

        String json = Json.writeString(deployment);

        assertEquals("""
                {"service":"figlet","image":"alexellis2/figlet"}""", json);
    }

    @Test
    void write_emptyServiceAndImage_keepsBothKeys() {
        FunctionDeployment deployment = FunctionDeployment.of("", "");

        String json = Json.writeString(deployment);

        assertEquals("""
                {"service":"","image":""}""", json);
    }

    @Test
    void write_everyField_matchesGoldenJsonInGoFieldOrder() {
        String json = Json.writeString(FULL);

        assertEquals("""
                {"service":"figlet","image":"https://repo.example/figlet.jar",\
                "namespace":"openfaas-fn","envProcess":"java Figlet",\
                "envVars":{"LANG":"C","write_debug":"true"},\
                "constraints":["node.platform.os == linux"],"secrets":["api-key"],\
                "labels":{"com.openfaas.scale.min":"1"},"annotations":{"topic":"cron"},\
                "limits":{"memory":"128M","cpu":"100m"},"requests":{"memory":"64M"},\
                "readOnlyRootFilesystem":true}""", json);
    }

    @Test
    void read_writtenDeployment_roundTripsToEqualRecord() {
        byte[] json = Json.write(FULL);

        FunctionDeployment read = Json.read(json, FunctionDeployment.class);

        assertEquals(FULL, read);
    }

    @Test
    void read_keysInAnyCase_matchFields() {
        String json = """
                {"SERVICE":"a","Image":"b","envvars":{"K":"v"},"ReadOnlyRootFilesystem":true}""";

        FunctionDeployment deployment = read(json);

        assertAll(
                () -> assertEquals("a", deployment.service(), "service"),
                () -> assertEquals("b", deployment.image(), "image"),
                () -> assertEquals(Map.of("K", "v"), deployment.envVars(), "map keys keep their case"),
                () -> assertTrue(deployment.readOnlyRootFilesystem(), "readOnlyRootFilesystem"));
    }

    @Test
    void read_removedKeysNetworkAndRegistryAuth_areIgnored() {
        String json = """
                {"service":"a","image":"b","network":"func_functions","registryAuth":"dXNlcjpwYXNz"}""";

        FunctionDeployment deployment = read(json);

        assertEquals(FunctionDeployment.of("a", "b"), deployment);
    }

    @Test
    void read_faasCliNullLabelsAndAnnotations_becomeEmptyMaps() {
        String json = """
                {"service":"a","image":"b","labels":null,"annotations":null}""";

        FunctionDeployment deployment = read(json);

        assertAll(
                () -> assertEquals(Map.of(), deployment.labels(), "labels"),
                () -> assertEquals(Map.of(), deployment.annotations(), "annotations"));
    }

    @Test
    void read_nullsEverywhere_becomeGoZeroValues() {
        String json = """
                {"service":null,"image":null,"namespace":null,"envVars":{"K":null},\
                "constraints":null,"secrets":[null],"limits":null,"readOnlyRootFilesystem":null}""";

        FunctionDeployment deployment = read(json);

        assertEquals(new FunctionDeployment("", "", "", "", Map.of("K", ""), List.of(), List.of(""),
                Map.of(), Map.of(), null, null, false), deployment);
    }

    @Test
    void read_emptyObject_givesEmptyDeploymentForCallersToValidate() {
        FunctionDeployment deployment = read("{}");

        assertEquals(FunctionDeployment.of("", ""), deployment);
    }

    @Test
    void constructor_mutableCollections_areCopiedAndImmutable() {
        Map<String, String> labels = new HashMap<>(Map.of("a", "1"));
        FunctionDeployment deployment = new FunctionDeployment("s", "i", "", "", null, null, null,
                labels, null, null, null, false);

        labels.put("b", "2");

        assertAll(
                () -> assertEquals(Map.of("a", "1"), deployment.labels(), "copied"),
                () -> assertThrows(UnsupportedOperationException.class,
                        () -> deployment.labels().put("c", "3"), "immutable"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"service":"a","image":{}}                        | field "image": expected a string, got an object
            {"service":"a","image":5}                         | field "image": expected a string, got a number
            {"service":["a"]}                                 | field "service": expected a string, got an array
            {"service":"a","readOnlyRootFilesystem":"true"}   | field "readOnlyRootFilesystem": expected a boolean, got a string
            {"service":"a","readOnlyRootFilesystem":1}        | field "readOnlyRootFilesystem": expected a boolean, got a number
            {"service":"a","envVars":{"K":1}}                 | field "envVars.K": expected a string, got a number
            {"service":"a","envVars":[]}                      | field "envVars": expected an object, got an array
            {"service":"a","secrets":"api-key"}               | field "secrets": expected an array, got a string
            {"service":"a","secrets":["x",2]}                 | field "secrets[1]": expected a string, got a number
            {"service":"a","limits":"128M"}                   | field "limits": expected an object, got a string
            {"service":"a","limits":{"memory":128}}           | field "limits.memory": expected a string, got a number
            """)
    void read_valueOfWrongJsonKind_failsNamingTheField(String json, String problem) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> read(json));

        assertEquals("Invalid JSON: " + problem, e.getMessage());
    }

    private static FunctionDeployment read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), FunctionDeployment.class);
    }
}
