package dev.faasjvm.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan's answer is reused only while the scanned files are the same ones. */
final class ScannedHandlersTest {
    @TempDir
    Path dir;

    private final AtomicInteger scans = new AtomicInteger();
    private final Function<List<Path>, String> scan = jars -> "example.Handler" + scans.incrementAndGet();

    @Test
    void sameFiles_areScannedOnce() throws IOException {
        Path jar = Files.write(dir.resolve("a.jar"), new byte[] {1, 2, 3});

        assertEquals("example.Handler1", ScannedHandlers.find(List.of(jar), scan));
        assertEquals("example.Handler1", ScannedHandlers.find(List.of(jar), scan));
        assertEquals(1, scans.get());
    }

    @Test
    void aFileChangedInPlace_isScannedAgain() throws IOException {
        Path jar = Files.write(dir.resolve("b.jar"), new byte[] {1, 2, 3});
        ScannedHandlers.find(List.of(jar), scan);

        Files.write(jar, new byte[] {1, 2, 3, 4});

        assertEquals("example.Handler2", ScannedHandlers.find(List.of(jar), scan));
    }

    @Test
    void folders_areAlwaysScanned() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));

        ScannedHandlers.find(List.of(classes), scan);
        ScannedHandlers.find(List.of(classes), scan);

        assertEquals(2, scans.get());
    }

    @Test
    void aFailedScan_isNotRemembered() throws IOException {
        Path jar = Files.write(dir.resolve("c.jar"), new byte[] {9});
        Function<List<Path>, String> failing = jars -> {
            scans.incrementAndGet();
            throw new FunctionLoadException("No handler class found");
        };

        assertThrows(FunctionLoadException.class, () -> ScannedHandlers.find(List.of(jar), failing));
        assertThrows(FunctionLoadException.class, () -> ScannedHandlers.find(List.of(jar), failing));
        assertEquals(2, scans.get());
    }
}
