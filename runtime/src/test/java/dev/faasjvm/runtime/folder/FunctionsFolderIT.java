package dev.faasjvm.runtime.folder;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The watched {@code --functions} folder, against a real runtime and the sample JARs. */
final class FunctionsFolderIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = TestServer.withFunctionsFolder();

    @Test
    void jarAdded_isDeployedUnderItsFileName() throws IOException {
        Files.copy(Samples.jar("echo"), folder("greet.jar"));

        Awaits.atMost(WAIT).until(() -> server.post("/function/greet", "hi").body().equals("hi"));
        String status = server.get("/system/function/greet").body();
        assertTrue(status.contains(FunctionsFolder.SOURCE_ANNOTATION), status);
    }

    @Test
    void jarAdded_isShownWithItsPathInTheFolderAsImage_andItsPrivateCopyInAnAnnotation() throws IOException {
        Path jar = Files.copy(Samples.jar("echo"), folder("shown.jar"));
        Awaits.atMost(WAIT).until(() -> server.get("/system/function/shown").statusCode() == 200);

        JsonNode status = server.status("shown");
        JsonNode listed = new ObjectMapper().readTree(server.get("/system/functions").body()).get(0);

        assertEquals(jar.toString(), status.path("image").asText(), status.toString());
        assertEquals(status, listed);
        Path copy = Path.of(status.path("annotations").path(FunctionsFolder.COPY_ANNOTATION).asText());
        assertTrue(copy.startsWith(server.stateDir().resolve("functions-folder")) && Files.isRegularFile(copy),
                status.toString());
    }

    @Test
    void jarOverwrittenInPlace_isUpdatedWhileEveryCallSucceeds() throws Exception {
        Files.copy(Samples.jar("echo"), folder("fn.jar"));
        Awaits.atMost(WAIT).until(() -> server.post("/function/fn", "hi").statusCode() == 200);
        List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean calling = new AtomicBoolean(true);
        CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
            while (calling.get()) {
                answers.add(server.post("/function/fn", "hi"));
            }
        });

        Files.write(folder("fn.jar"), Files.readAllBytes(Samples.jar("inspect")), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        Awaits.atMost(WAIT).until(() -> answers.stream().filter(answer -> answer.body().contains("\"name\":\"fn\""))
                .count() >= 20);
        calling.set(false);
        caller.get();

        assertAll(
                () -> assertTrue(answers.stream().allMatch(answer -> answer.statusCode() == 200),
                        () -> "every call answered 200: " + answers.stream().map(HttpResponse::statusCode).toList()),
                () -> assertTrue(answers.stream().anyMatch(answer -> answer.body().equals("hi")), "the old version"),
                () -> assertTrue(answers.get(answers.size() - 1).body().contains("\"name\":\"fn\""), "the new one"));
    }

    @Test
    void jarRemoved_isDeleted() throws IOException {
        Files.copy(Samples.jar("echo"), folder("fn.jar"));
        Awaits.atMost(WAIT).until(() -> server.get("/system/function/fn").statusCode() == 200);

        Files.delete(folder("fn.jar"));

        Awaits.atMost(WAIT).until(() -> server.get("/system/function/fn").statusCode() == 404);
        assertEquals(404, server.post("/function/fn", "hi").statusCode());
    }

    @Test
    void partiallyWrittenJar_isNotDeployedUntilComplete() throws IOException {
        byte[] jar = Files.readAllBytes(Samples.jar("echo"));
        Files.write(folder("fn.jar"), Arrays.copyOf(jar, jar.length / 2));

        Awaits.atMost(WAIT).during(TestServer.FOLDER_POLL.multipliedBy(5))
                .until(() -> server.get("/system/function/fn").statusCode() == 404);
        Files.write(folder("fn.jar"), Arrays.copyOfRange(jar, jar.length / 2, jar.length), StandardOpenOption.APPEND);

        Awaits.atMost(WAIT).until(() -> server.post("/function/fn", "hi").body().equals("hi"));
    }

    @Test
    void badJar_isLoggedWithItsReasonAndSkipped_theRestKeepWorking_andItsFixIsPickedUp() throws IOException {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = capture(warnings);
        try {
            Files.copy(Samples.jar("echo"), folder("good.jar"));
            Files.copy(Samples.jar("broken"), folder("bad.jar"));

            Awaits.atMost(WAIT).until(() -> warnings.stream().anyMatch(line -> line.contains("skipped bad.jar")));
            Awaits.atMost(WAIT).until(() -> server.post("/function/good", "hi").body().equals("hi"));
            assertEquals(404, server.get("/system/function/bad").statusCode());
            assertTrue(warnings.stream().anyMatch(line -> line.contains("Cannot deploy \"bad\"")), warnings::toString);

            Files.write(folder("bad.jar"), Files.readAllBytes(Samples.jar("echo")));
            Awaits.atMost(WAIT).until(() -> server.post("/function/bad", "fixed").body().equals("fixed"));
        } finally {
            Logger.getLogger(FunctionsFolder.class.getName()).removeHandler(capture);
        }
    }

    @Test
    void functionDeployedThroughTheApi_isNotTouchedByTheFolder() throws IOException {
        server.deploy("mine", "echo");

        Files.copy(Samples.jar("inspect"), folder("mine.jar"));
        Awaits.atMost(WAIT).during(TestServer.FOLDER_POLL.multipliedBy(5))
                .until(() -> server.post("/function/mine", "hi").body().equals("hi"));
        Files.delete(folder("mine.jar"));

        Awaits.atMost(WAIT).during(TestServer.FOLDER_POLL.multipliedBy(5))
                .until(() -> server.post("/function/mine", "hi").body().equals("hi"));
    }

    @Test
    void folderFunctions_comeBackAfterRestart_andOneWhoseJarWentWhileDownIsDeleted() throws Exception {
        Files.copy(Samples.jar("echo"), folder("stays.jar"));
        Files.copy(Samples.jar("echo"), folder("goes.jar"));
        Awaits.atMost(WAIT).until(() -> server.get("/system/function/goes").statusCode() == 200
                && server.get("/system/function/stays").statusCode() == 200);

        server.stop();
        Files.delete(folder("goes.jar"));
        server.startAgain();

        assertEquals("hi", server.post("/function/stays", "hi").body());
        assertEquals(404, server.get("/system/function/goes").statusCode());
        try (var copies = Files.list(server.stateDir().resolve("functions-folder"))) {
            assertEquals(1, copies.count(), "the deleted function's copy is gone");
        }
    }

    private Path folder(String file) {
        return server.functionsDir().resolve(file);
    }

    private static Handler capture(List<String> lines) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger(FunctionsFolder.class.getName()).addHandler(handler);
        return handler;
    }
}
