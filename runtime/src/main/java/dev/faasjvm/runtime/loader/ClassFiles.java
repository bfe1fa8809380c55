package dev.faasjvm.runtime.loader;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * The class files of a function's JARs, read by the function's own class loader so it can rewrite
 * them before it defines them ({@code URLClassLoader} offers no step between reading a class and
 * defining it). Opened as the JDK opens class-path JARs: multi-release aware, signers checked.
 * Closed with the loader. Thread-safe.
 */
final class ClassFiles implements AutoCloseable {
    /** One class file found: its bytes, and what its package and protection domain are made of. */
    record Found(byte[] bytes, URL jarUrl, Manifest manifest, CodeSource codeSource) {
    }

    private final List<Jar> jars;

    private ClassFiles(List<Jar> jars) {
        this.jars = jars;
    }

    static ClassFiles open(List<Path> paths) throws IOException {
        List<Jar> jars = new ArrayList<>();
        try {
            for (Path path : paths) {
                JarFile file = new JarFile(path.toFile(), true, ZipFile.OPEN_READ, Runtime.version());
                jars.add(new Jar(file, url(path)));
            }
        } catch (IOException | RuntimeException e) {
            for (Jar jar : jars) {
                jar.file.close();
            }
            throw e;
        }
        return new ClassFiles(jars);
    }

    /** The class's file from the first JAR that has it, or {@code null}. */
    Found find(String className) throws IOException {
        String entryName = className.replace('.', '/').concat(".class");
        for (Jar jar : jars) {
            JarEntry entry = jar.file.getJarEntry(entryName);
            if (entry == null) {
                continue;
            }
            byte[] bytes;
            try (InputStream in = jar.file.getInputStream(entry)) {
                bytes = in.readAllBytes();
            }
            // Signers are known once the entry has been read in full.
            CodeSigner[] signers = entry.getCodeSigners();
            CodeSource source = signers == null ? jar.unsigned : new CodeSource(jar.url, signers);
            return new Found(bytes, jar.url, jar.manifest(), source);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Jar jar : jars) {
            try {
                jar.file.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }

    private static final class Jar {
        final JarFile file;
        final URL url;
        final CodeSource unsigned;
        private volatile Manifest manifest;
        private volatile boolean manifestRead;

        Jar(JarFile file, URL url) {
            this.file = file;
            this.url = url;
            this.unsigned = new CodeSource(url, (CodeSigner[]) null);
        }

        Manifest manifest() throws IOException {
            if (!manifestRead) {
                manifest = file.getManifest();
                manifestRead = true;
            }
            return manifest;
        }
    }
}
