package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With {@code basic_auth=false} every route is open. */
final class AuthOffIT {
    @RegisterExtension
    final TestServer server = TestServer.create().withoutAuth();

    @ParameterizedTest
    @ValueSource(strings = {"/system/functions", "/system/secrets", "/system/namespaces", "/system/info"})
    void systemRoute_withoutCredentials_isServed(String path) {
        HttpResponse<String> response = server.sendAnonymous(HttpRequest.newBuilder(server.uri(path)));

        assertEquals(200, response.statusCode());
    }
}
