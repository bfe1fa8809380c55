package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up leaves no trace when it fails, and keeps the state to its owner (issue 10): a busy port
 * fails the start before anything is written to the state folder; the folder is made owner-only,
 * an existing one open to others is tightened, and what is written in it is owner-only too.
 */
final class StartupOrderIT {
    @TempDir
    Path work;

    @Test
    void start_onABusyPort_leavesTheStateFolderAsItFoundIt() throws Exception {
        Path state = Files.createDirectories(work.resolve("state"));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Provider provider = Provider.create(ProviderConfig.builder().host("127.0.0.1").port(taken.getLocalPort())
                    .stateDir(state).functions(Samples.dir())
                    .set("--secret-mount-path", work.resolve("no-mount").toString()).build());

            assertThrows(Exception.class, provider::start);
        }

        try (Stream<Path> left = Files.list(state)) {
            assertEquals(List.of(), left.toList(), "no password, lock or deployment written");
        }
    }

    @Test
    void start_tightensAnOpenStateFolder_andWritesOwnerOnlyFiles() throws Exception {
        Path state = Files.createDirectories(work.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (Provider provider = Provider.create(ProviderConfig.builder().host("127.0.0.1").port(0).stateDir(state)
                .basicAuth(false).build()).start()) {
            HttpResponse<String> deployed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    provider.uri("/system/functions")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"service\":\"echo\",\"image\":\"" + Samples.jar("echo").toUri()
                            + "\",\"envVars\":{\"TOKEN\":\"s3cret\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, deployed.statusCode(), deployed.body());

            Path entry = state.resolve("deployments").resolve("openfaas-fn").resolve("echo.json");
            assertAll(
                    () -> assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state))),
                    () -> assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))),
                    () -> assertFalse(Files.readString(entry).isEmpty()));
        }
    }
}
