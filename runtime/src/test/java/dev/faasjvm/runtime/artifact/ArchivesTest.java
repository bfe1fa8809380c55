package dev.faasjvm.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ArchivesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "lib/a.jar,lib/b.jar,bin/run|lib/a.jar,lib/b.jar",
        "app-1.0/lib/b.jar,app-1.0/lib/a.jar,app-1.0/bin/app|app-1.0/lib/a.jar,app-1.0/lib/b.jar",
        "a.jar,b.jar,docs/c.jar|a.jar,b.jar",
        "app/a.jar,app/sub/b.jar|app/a.jar",
        "lib/a.jar,plugins/p.jar,x.jar|x.jar,lib/a.jar",
        "function-1.0/function-1.0.jar,function-1.0/lib/model-0.1.1.jar,function-1.0/lib/entrypoint-0.1.0.jar|"
                + "function-1.0/function-1.0.jar,function-1.0/lib/entrypoint-0.1.0.jar,function-1.0/lib/model-0.1.1.jar",
        "lib/sub/a.jar,docs/b.jar|''",
        "a/x.jar,b/y.jar|''",
        "lib/A.JAR,lib/notes.txt|lib/A.JAR"})
    void classPath_layouts_pickLibThenTop(String entries, String expected) {
        List<String> classPath = Archives.classPath(Arrays.asList(entries.split(",")));

        assertEquals(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")), classPath);
    }

    @Test
    void classify_zipOfJars_isDistribution(@TempDir Path dir) throws IOException {
        Path zip = Files.write(dir.resolve("d.zip"), zip("lib/a.jar", "bin/run"));

        assertEquals(Archives.Kind.DISTRIBUTION, Archives.classify("d", zip));
    }

    @Test
    void classify_jarWithClassesAndNestedJars_isJar(@TempDir Path dir) throws IOException {
        Path jar = Files.write(dir.resolve("fat.jar"), zip("BOOT-INF/lib/a.jar", "com/example/App.class"));

        assertEquals(Archives.Kind.JAR, Archives.classify("fat", jar));
    }

    @Test
    void classify_lambdaZipLayout_isClassesWithLib(@TempDir Path dir) throws IOException {
        Path zip = Files.write(dir.resolve("l.zip"), zip("example/Handler.class", "lib/events.jar"));

        assertEquals(Archives.Kind.CLASSES_WITH_LIB, Archives.classify("l", zip));
    }

    @Test
    void unpack_lambdaZipLayout_keepsTheClassesBesideTheLibraries(@TempDir Path dir) throws IOException {
        Path zip = Files.write(dir.resolve("l.zip"), zip("example/Handler.class", "lib/events.jar", "lib/x/y.jar"));
        Path target = Files.createDirectory(dir.resolve("out"));

        Archives.unpack("l", zip, target, 10_000);

        try (var files = Files.list(target)) {
            assertEquals(List.of(Archives.CLASSES_JAR, "events.jar"),
                    files.map(file -> file.getFileName().toString()).sorted(
                            java.util.Comparator.reverseOrder()).toList());
        }
    }

    @Test
    void unpack_beyondLimit_failsNamingTheLimit(@TempDir Path dir) throws IOException {
        Path zip = Files.write(dir.resolve("d.zip"), zip("lib/a.jar", "lib/b.jar"));
        Path target = Files.createDirectory(dir.resolve("out"));

        ArtifactException e = assertThrows(ArtifactException.class, () -> Archives.unpack("d", zip, target, 10));

        assertTrue(e.getMessage().contains("unpacks to more than 10 bytes"), e.getMessage());
    }

    /** A zip whose entries each hold 8 bytes. */
    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(new byte[8]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
