package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class JsonTest {
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\r\n\t "})
    void read_emptyBody_saysTheBodyIsEmpty(String body) {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> read(body, FunctionDeployment.class));

        assertEquals("Request body is empty: expected a JSON object", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"service":                | unexpected end of input at line 1, column 12
            {"service":"a"             | unexpected end of input at line 1, column 15
            {"service" "a"}            | unexpected character '"' at line 1, column 12
            {service:"a"}              | unexpected character 's' at line 1, column 2
            {"service":"a",}           | unexpected character '}' at line 1, column 16
            {"service":tru}            | unrecognized token 'tru' at line 1, column 12
            {} x                       | unrecognized token 'x' at line 1, column 4
            {} {}                      | unexpected data after the object at line 1, column 4
            """)
    void read_malformedJson_namesTheProblemAndPosition(String body, String problem) {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> read(body, FunctionDeployment.class));

        assertEquals("Invalid JSON: " + problem, e.getMessage());
    }

    @Test
    void read_errorOnSecondLine_reportsThatLine() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> read("{\n  \"service\": ]\n}", FunctionDeployment.class));

        assertEquals("Invalid JSON: unexpected character ']' at line 2, column 14", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            null       | expected an object, got null
            []         | expected an object, got an array
            [{}]       | expected an object, got an array
            "figlet"   | expected an object, got a string
            42         | expected an object, got a number
            """)
    void read_topLevelValueNotAnObject_fails(String body, String problem) {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> read(body, ScaleServiceRequest.class));

        assertEquals("Invalid JSON: " + problem, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"a","createdAt":"yesterday"}              | field "createdAt": expected an RFC 3339 time, got "yesterday"
            {"name":"a","createdAt":"2019-06-11T11:23:28"}    | field "createdAt": expected an RFC 3339 time, got "2019-06-11T11:23:28"
            {"name":"a","createdAt":1560252208}               | field "createdAt": expected an RFC 3339 time string, got a number
            {"name":"a","invocationCount":"5"}                | field "invocationCount": expected a number, got a string
            {"name":"a","usage":{"cpu":true}}                 | field "usage.cpu": expected a number, got a boolean
            {"name":"a","replicas":"1"}                       | field "replicas": expected a number, got a string
            """)
    void read_statusWithBadValue_namesTheField(String body, String problem) {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> read(body, FunctionStatus.class));

        assertEquals("Invalid JSON: " + problem, e.getMessage());
    }

    @Test
    void read_createdAtNull_isGoZeroTime() {
        FunctionStatus status = read("{\"name\":\"a\",\"createdAt\":null}", FunctionStatus.class);

        assertEquals(ZeroValues.TIME, status.createdAt());
    }

    @Test
    void writeString_listOfRecords_writesJsonArray() {
        List<DeleteFunctionRequest> requests = List.of(
                new DeleteFunctionRequest("a", ""), new DeleteFunctionRequest("b", "ns"));

        String json = Json.writeString(requests);

        assertEquals("""
                [{"functionName":"a"},{"functionName":"b","namespace":"ns"}]""", json);
    }

    @Test
    void write_record_isUtf8OfWriteString() {
        LogMessage message = new LogMessage("é", "", "", null, "ü");

        byte[] json = Json.write(message);

        assertEquals(Json.writeString(message), new String(json, StandardCharsets.UTF_8));
    }

    private static <T> T read(String json, Class<T> type) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), type);
    }
}
