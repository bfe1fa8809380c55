package dev.faasjvm.runtime.openfaas;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for Prometheus on 127.0.0.1:9090 for the OpenFaaS gateway, which panics listing
 * functions when it cannot query it: every GET gets an empty vector. Run in the gateway's network
 * namespace as its own process ({@code java -cp <test class path> ...PrometheusStub}); it serves
 * until killed.
 */
final class PrometheusStub {
    static final int PORT = 9090;
    private static final byte[] EMPTY_VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"
            .getBytes(StandardCharsets.UTF_8);

    private PrometheusStub() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 16);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, EMPTY_VECTOR.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(EMPTY_VECTOR);
            }
        });
        server.start();
        System.out.println("prometheus stub listening on 127.0.0.1:" + PORT);
    }
}
