package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.ForkedRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * The JVM options the build writes beside the runnable JAR ({@code faas-jvm.jvmopts}: a class-data
 * archive on JDK 17-24, an AOT cache on 25+) start that JAR on the JDK that built it, as the README's
 * run command uses them: JDK 25 refuses an AOT cache next to any {@code -Xshare} option, so a wrong
 * file means no start at all. And the archive holds the whole way to the first 200 (and the stop): a
 * class of the JAR that it lacks is loaded, parsed and verified as if there were none.
 */
@Timeout(60)
final class StartupOptionsIT {
    @TempDir
    Path work;

    private static final Pattern PORT = Pattern.compile(" listening on http://127\\.0\\.0\\.1:(\\d+) ");

    @Test
    void theOptionsFile_startsTheRunnableJar_onTheJdkThatBuiltIt() throws IOException, InterruptedException {
        Path options = options();
        Path stderr = work.resolve("stderr.txt");
        Process process = start(List.of("@" + options), stderr);
        try {
            String first = firstLine(process);
            assertTrue(first != null && first.contains(" listening on http://127.0.0.1:"),
                    "started with " + Files.readAllLines(options) + ": " + first + "; stderr: " + Files.readString(stderr));
        } finally {
            stop(process);
        }
    }

    @Test
    void theArchive_holdsEveryClassOfTheJarAndLambdaOfTheRuntime_thatAStartAHealthCheckAndAStopLoad() throws Exception {
        Path options = options();
        Path classes = work.resolve("classes.txt");
        Path stderr = work.resolve("stderr.txt");
        Process process = start(List.of("@" + options, "-Xlog:class+load=info:file=" + classes), stderr);
        try {
            String first = firstLine(process);
            Matcher port = PORT.matcher(first == null ? "" : first);
            assertTrue(port.find(), first + "; stderr: " + Files.readString(stderr));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.group(1) + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        } finally {
            stop(process);
        }
        List<String> notArchived = new ArrayList<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (String line : Files.readAllLines(classes)) {
                // "[0.093s][info][class,load] dev.faasjvm.runtime.Main source: file:/.../faas-jvm.jar", or a lambda
                // of the runtime spun at run time: "... dev.faasjvm.runtime.X$$Lambda$12/0x... source: dev.faasjvm.runtime.X"
                if (!line.contains(" source: ")) {
                    continue;
                }
                String name = line.substring(line.lastIndexOf("] ") + 2, line.indexOf(" source: "));
                boolean fromTheJar = line.contains(" source: file:");
                boolean spunLambda = !fromTheJar && line.contains("] dev.faasjvm.")
                        && !line.contains("source: shared objects file");
                if ((fromTheJar && !unarchivable(jar, name)) || spunLambda) {
                    notArchived.add(line);
                }
            }
        }
        assertTrue(Files.readString(classes).contains("source: shared objects file"), "the archive is used");
        assertEquals(List.of(), notArchived, "loaded without the archive, with " + Files.readAllLines(options));
    }

    /**
     * Whether JDK 21 and later refuse to archive a class of the JAR: a class file older than Java 6 (ASM's
     * own are Java 5 class files), or a class that extends one.
     */
    private static boolean unarchivable(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name.replace('.', '/') + ".class");
        if (entry == null) {
            return false;
        }
        try (InputStream in = jar.getInputStream(entry)) {
            ClassReader reader = new ClassReader(in);
            return reader.readUnsignedShort(6) < Opcodes.V1_6 || (reader.getSuperName() != null
                    && unarchivable(jar, reader.getSuperName().replace('/', '.')));
        }
    }

    private static Path options() {
        Path options = jar().resolveSibling("faas-jvm.jvmopts");
        assertTrue(Files.isRegularFile(options), "the build writes " + options);
        return options;
    }

    private static Path jar() {
        return Path.of(System.getProperty(ForkedRuntime.JAR_PROPERTY));
    }

    /** {@code java <jvm options> -jar faas-jvm.jar} as the README runs it, on port 0 with its state in memory. */
    private static Process start(List<String> jvmOptions, Path stderr) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "--host", "127.0.0.1", "--port", "0", "--state-dir", "",
                "--basic-auth=false"));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
    }

    private static String firstLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return out.readLine();
    }

    private static void stop(Process process) throws InterruptedException, IOException {
        process.getInputStream().close();
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroyForcibly();
    }
}
