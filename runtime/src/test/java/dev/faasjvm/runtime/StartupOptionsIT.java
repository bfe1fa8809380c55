package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.ForkedRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the build writes beside the runnable JAR ({@code faas-jvm.jvmopts}: a class-data
 * archive on JDK 17-24, an AOT cache on 25+) start that JAR on the JDK that built it, as the README's
 * run command uses them: JDK 25 refuses an AOT cache next to any {@code -Xshare} option, so a wrong
 * file means no start at all.
 */
@Timeout(60)
final class StartupOptionsIT {
    @TempDir
    Path work;

    @Test
    void theOptionsFile_startsTheRunnableJar_onTheJdkThatBuiltIt() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty(ForkedRuntime.JAR_PROPERTY));
        Path options = jar.resolveSibling("faas-jvm.jvmopts");
        assertTrue(Files.isRegularFile(options), "the build writes " + options);
        Path stderr = work.resolve("stderr.txt");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + options, "-jar", jar.toString(), "--host", "127.0.0.1", "--port", "0", "--state-dir", "",
                "--basic-auth=false"))
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.contains(" listening on http://127.0.0.1:"),
                    "started with " + Files.readAllLines(options) + ": " + first + "; stderr: " + Files.readString(stderr));
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
