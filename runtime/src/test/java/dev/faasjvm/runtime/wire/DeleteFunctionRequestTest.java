package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class DeleteFunctionRequestTest {
    @Test
    void write_noNamespace_keepsFunctionNameOnly() {
        DeleteFunctionRequest request = new DeleteFunctionRequest("figlet", "");

        String json = Json.writeString(request);

        assertEquals("""
                {"functionName":"figlet"}""", json);
    }

    @Test
    void write_emptyName_keepsFunctionNameKey() {
        DeleteFunctionRequest request = new DeleteFunctionRequest(null, null);

        String json = Json.writeString(request);

        assertEquals("""
                {"functionName":""}""", json);
    }

    @Test
    void write_everyField_matchesGoldenJson() {
        DeleteFunctionRequest request = new DeleteFunctionRequest("figlet", "openfaas-fn");

        String json = Json.writeString(request);

        assertEquals("""
                {"functionName":"figlet","namespace":"openfaas-fn"}""", json);
    }

    @Test
    void read_writtenRequest_roundTripsToEqualRecord() {
        DeleteFunctionRequest request = new DeleteFunctionRequest("figlet", "ns");

        DeleteFunctionRequest read = Json.read(Json.write(request), DeleteFunctionRequest.class);

        assertEquals(request, read);
    }

    @Test
    void read_keysInAnyCase_matchFields() {
        byte[] json = """
                {"FunctionName":"figlet","NAMESPACE":"ns"}""".getBytes(StandardCharsets.UTF_8);

        DeleteFunctionRequest request = Json.read(json, DeleteFunctionRequest.class);

        assertEquals(new DeleteFunctionRequest("figlet", "ns"), request);
    }
}
