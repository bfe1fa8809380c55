package dev.faasjvm.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FunctionManifestTest {
    @TempDir
    Path dir;

    @Test
    void neverBlocks_trueInAnyCase_isDeclared() throws IOException {
        assertTrue(FunctionManifest.declaresNeverBlocks(List.of(jar("a.jar", Map.of("FaaS-Never-Blocks", " TRUE ")))));
    }

    @Test
    void neverBlocks_absentOrOtherValue_isNotDeclared() throws IOException {
        assertFalse(FunctionManifest.declaresNeverBlocks(List.of(jar("a.jar", Map.of()))));
        assertFalse(FunctionManifest.declaresNeverBlocks(List.of(jar("b.jar", Map.of("FaaS-Never-Blocks", "yes")))));
    }

    @Test
    void attribute_firstJarThatSetsItWins() throws IOException {
        List<Path> jars = List.of(jar("a.jar", Map.of()), jar("b.jar", Map.of("FaaS-Handler", "com.example.B")),
                jar("c.jar", Map.of("FaaS-Handler", "com.example.C")));

        assertEquals(Optional.of("com.example.B"), FunctionManifest.attribute(jars, "FaaS-Handler"));
    }

    @Test
    void attribute_ofAJarRewrittenInPlace_isReadAgain() throws IOException {
        List<Path> jars = List.of(jar("d.jar", Map.of("FaaS-Handler", "com.example.D")));
        assertEquals(Optional.of("com.example.D"), FunctionManifest.attribute(jars, "FaaS-Handler"));

        jar("d.jar", Map.of("FaaS-Handler", "com.example.Longer"));

        assertEquals(Optional.of("com.example.Longer"), FunctionManifest.attribute(jars, "FaaS-Handler"));
    }

    private Path jar(String name, Map<String, String> attributes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((key, value) -> manifest.getMainAttributes().put(new Attributes.Name(key), value));
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
