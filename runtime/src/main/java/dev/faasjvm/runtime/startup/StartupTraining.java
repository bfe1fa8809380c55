package dev.faasjvm.runtime.startup;

import dev.faasjvm.runtime.Main;
import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The build's training run: starts a runtime through {@code Main}, exactly as {@code java -jar
 * faas-jvm.jar} does (port 0, state in memory, basic auth off), then a second one with a state folder
 * of its own and basic auth on, which serves what a first user does (health, the function list, a
 * call, a deploy and a call of a function when a JAR is given); stops both, and writes the JVM
 * options file that later runs read ({@code java @runtime/target/faas-jvm.jvmopts -jar ...}). Both
 * ways, because only what the training loads is in the archive: a class or lambda that start-up
 * needs and the training never loaded is loaded from the JAR (or spun) at every start.
 * The build runs it under {@code -XX:ArchiveClassesAtExit} (JDK 17-24) or
 * {@code -XX:AOTCacheOutput} (JDK 25+), so the JVM writes the archive as this process exits.
 *
 * <p>Arguments: the options file to write, then the options to write into it, one per line;
 * {@code --function <jar>} among them is not an option but a JAR to deploy and call.
 */
public final class StartupTraining {
    private static final String PREFIX = "  [start-up training] ";

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path optionsFile = Path.of(args[0]);
        List<String> options = new ArrayList<>();
        Path function = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--function")) {
                function = Path.of(args[++i]);
            } else if (!args[i].isBlank()) { // a profile's empty option, such as no -Xshare with an AOT cache
                options.add(args[i]);
            }
        }
        // The runtimes print what a user's start prints: in the build's output each line says it is the training's.
        PrintStream out = System.out;
        System.setOut(prefixed(out));
        System.setErr(prefixed(System.err));
        // As a user starts it (Main: early initialisation, log format, its lines, state in memory, no auth);
        // it serves until the exit below, whose shutdown hook stops it.
        Main.main(new String[] {"--port", "0", "--host", "127.0.0.1", "--state-dir", "", "--basic-auth", "false"});
        Path state = Files.createTempDirectory("faas-jvm-training");
        try {
            train(state, function);
        } finally {
            deleteRecursively(state);
        }
        Files.createDirectories(optionsFile.toAbsolutePath().getParent());
        Files.write(optionsFile, options, StandardCharsets.UTF_8);
        out.println("faas-jvm: start-up training done; java @" + optionsFile + " -jar ... uses " + options);
        System.exit(0); // the JVM writes the archive on its way out
    }

    private static void train(Path state, Path function) throws Exception {
        ProviderConfig config = ProviderConfig.parse(List.of("--port", "0", "--host", "127.0.0.1",
                "--state-dir", state.toString()), Map.of());
        try (Provider provider = Provider.create(config).start()) {
            String auth = provider.credentials().map(credentials -> "Basic " + Base64.getEncoder()
                    .encodeToString((credentials.user() + ":" + credentials.password())
                            .getBytes(StandardCharsets.UTF_8))).orElse("");
            request(provider.uri("/healthz"), "GET", null, "");
            // The JDK's HttpClient asks to upgrade to h2c, which a plain request does not: Jetty's upgrade check too.
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(provider.uri("/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding());
            request(provider.uri("/system/functions"), "GET", null, auth);
            request(provider.uri("/function/none"), "POST", "hi", "");
            if (function != null && Files.isRegularFile(function)) {
                provider.deploy("training", function);
                for (int i = 0; i < 3; i++) {
                    request(provider.uri("/function/training"), "POST", "hi", "");
                }
                provider.delete("training");
            }
        }
    }

    /**
     * A stream that writes to {@code target}, each line after {@value #PREFIX}, the whole line in
     * one write: byte by byte, a line on standard error could split around one on standard output.
     */
    private static PrintStream prefixed(PrintStream target) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.UTF_8);
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (line.size() == 0) {
                    line.writeBytes(prefix);
                }
                line.write(b);
                if (b == '\n') {
                    target.write(line.toByteArray(), 0, line.size());
                    target.flush();
                    line.reset();
                }
            }

            @Override
            public void flush() {
                target.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    private static void request(URI uri, String method, String body, String auth) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(method);
        if (!auth.isEmpty()) {
            connection.setRequestProperty("Authorization", auth);
        }
        if (body != null) {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
