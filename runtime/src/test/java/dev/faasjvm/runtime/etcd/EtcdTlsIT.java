package dev.faasjvm.runtime.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faasjvm.runtime.testing.EtcdCluster;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The etcd client against a real etcd that serves clients over TLS only and requires a client
 * certificate: the CA, certificate and PKCS#8 key come from PEM files made here with openssl.
 */
final class EtcdTlsIT {
    @TempDir
    Path certs;

    @Test
    void tlsWithClientCertificate_reachesEtcd_withoutTheCertificate_isUnavailable() throws Exception {
        makeCertificates();
        EtcdConfig withCertificate = config(certs.resolve("client.pem"), certs.resolve("client-key.pem"));
        HttpClient health = HttpClient.newBuilder().sslContext(EtcdTls.context(withCertificate)).build();
        try (EtcdCluster etcd = EtcdCluster.start(1, certs, health)) {
            EtcdClient client = EtcdClient.create(new EtcdConfig(List.of(etcd.endpoint(0)), "", "",
                    withCertificate.caFile(), withCertificate.certFile(), withCertificate.keyFile(),
                    Duration.ofSeconds(6)));
            client.put("/faas-jvm/tls", "yes".getBytes(StandardCharsets.UTF_8));

            String read = new String(client.get("/faas-jvm/tls").orElseThrow().value(), StandardCharsets.UTF_8);
            EtcdClient anonymous = EtcdClient.create(new EtcdConfig(List.of(etcd.endpoint(0)), "", "",
                    certs.resolve("ca.pem"), null, null, Duration.ofSeconds(2)));

            assertEquals("yes", read);
            assertThrows(EtcdUnavailableException.class, () -> anonymous.get("/faas-jvm/tls"),
                    "etcd refuses a client without a certificate");
        }
    }

    private EtcdConfig config(Path cert, Path key) {
        return new EtcdConfig(List.of(java.net.URI.create("https://127.0.0.1:1")), "", "", certs.resolve("ca.pem"),
                cert, key, Duration.ofSeconds(3));
    }

    private void makeCertificates() throws Exception {
        // etcd's JSON gateway calls its own gRPC port with the server certificate, hence clientAuth too.
        Files.writeString(certs.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        Files.writeString(certs.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
                "-days", "1", "-subj", "/CN=faas-jvm test CA");
        for (String name : List.of("server", "client")) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem", "-out", name + ".csr",
                    "-subj", "/CN=" + name);
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", name + ".pem", "-days", "1", "-extfile", name + ".ext");
        }
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed; it makes the certificates of this test");
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "openssl " + String.join(" ", args) + ": " + output);
    }
}
