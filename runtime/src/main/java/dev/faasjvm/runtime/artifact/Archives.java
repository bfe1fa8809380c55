package dev.faasjvm.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What a zip file or folder holds and which JARs make up its class path. A zip with any
 * {@code .class} entry is a JAR, unless it also holds {@code lib/*.jar}: then it is AWS Lambda's zip
 * layout (classes at the root, libraries in {@code lib/}), and its class path is the zip itself and
 * those libraries. One holding only JARs is a distribution. A distribution's (or folder's) class path
 * is the JARs in {@code lib/} and those beside that {@code lib/}, else those at its top, where "top"
 * may also be the single folder everything sits in (Gradle's {@code distZip} writes
 * {@code app-1.0/lib/*.jar}; its {@code java-library-distribution}, which the OpenFaaS Java
 * templates use, writes {@code function-1.0/function-1.0.jar} beside {@code function-1.0/lib/*.jar}).
 * Stateless and thread-safe.
 */
final class Archives {
    /** What a zip file holds. */
    enum Kind { JAR, DISTRIBUTION, CLASSES_WITH_LIB }

    /** The name the zip of a {@link Kind#CLASSES_WITH_LIB} artifact gets among its unpacked libraries. */
    static final String CLASSES_JAR = "function-classes.jar";

    private Archives() {
    }

    static Kind classify(String image, Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() == 0) {
                throw new ArtifactException(image, "is an empty JAR");
            }
            boolean hasJars = false;
            boolean hasClasses = false;
            boolean hasLib = false;
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName().toLowerCase(Locale.ROOT);
                hasClasses |= name.endsWith(".class");
                boolean isJar = !entry.isDirectory() && name.endsWith(".jar");
                hasJars |= isJar;
                hasLib |= isJar && name.startsWith("lib/") && name.indexOf('/', "lib/".length()) < 0;
            }
            if (hasClasses) {
                return hasLib ? Kind.CLASSES_WITH_LIB : Kind.JAR;
            }
            return hasJars ? Kind.DISTRIBUTION : Kind.JAR;
        } catch (ZipException e) {
            throw new ArtifactException(image, "is not a JAR or zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ArtifactException(image, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The class path among {@code entries} ('/'-separated paths relative to the archive's top):
     * the JARs directly in the first of {@code lib/}, {@code <top>/lib/}, the top itself and
     * {@code <top>/} that holds any, sorted, and with a {@code lib/} the JARs directly beside it
     * first; empty when none does.
     */
    static List<String> classPath(List<String> entries) {
        List<String> jars = entries.stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).endsWith(".jar") && !name.endsWith("/"))
                .toList();
        String top = singleTopFolder(entries);
        List<String> folders = top.isEmpty() ? List.of("lib/", "") : List.of("lib/", top + "lib/", "", top);
        for (String folder : folders) {
            List<String> inFolder = jarsDirectlyIn(jars, folder);
            if (!inFolder.isEmpty()) {
                if (!folder.endsWith("lib/")) {
                    return inFolder;
                }
                List<String> withBeside = new ArrayList<>(jarsDirectlyIn(jars, folder.substring(0,
                        folder.length() - "lib/".length())));
                withBeside.addAll(inFolder);
                return withBeside;
            }
        }
        return List.of();
    }

    private static List<String> jarsDirectlyIn(List<String> jars, String folder) {
        return jars.stream()
                .filter(name -> name.startsWith(folder) && name.indexOf('/', folder.length()) < 0)
                .sorted()
                .toList();
    }

    private static String singleTopFolder(List<String> entries) {
        String top = null;
        for (String name : entries) {
            int slash = name.indexOf('/');
            if (slash < 0) {
                return "";
            }
            String first = name.substring(0, slash + 1);
            if (top != null && !top.equals(first)) {
                return "";
            }
            top = first;
        }
        return top == null ? "" : top;
    }

    /** The class path of a folder of JARs, as absolute paths. */
    static List<Path> jarsIn(String image, Path dir) {
        List<String> relative = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> relative.add(dir.relativize(file).toString().replace('\\', '/')));
        } catch (IOException | UncheckedIOException e) {
            throw new ArtifactException(image, "cannot list the folder " + dir + ": " + e.getMessage(), e);
        }
        List<String> classPath = classPath(relative);
        if (classPath.isEmpty()) {
            throw new ArtifactException(image, "the folder " + dir + " holds no JAR in lib/ or at its top");
        }
        return classPath.stream().map(dir::resolve).toList();
    }

    /**
     * Extracts a distribution's class-path JARs, flat, into {@code target} (an existing empty
     * folder), forcing each to disk.
     *
     * @throws ArtifactException if it holds no class path, or unpacks to more than {@code maxBytes}
     */
    static void unpack(String image, Path zipFile, Path target, long maxBytes) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(entry -> names.add(entry.getName()));
            boolean withClasses = names.stream().anyMatch(name -> name.endsWith(".class"));
            List<String> classPath = withClasses
                    ? jarsDirectlyIn(names.stream().filter(name -> name.endsWith(".jar")).toList(), "lib/")
                    : classPath(names);
            if (withClasses) {
                Files.copy(zipFile, target.resolve(CLASSES_JAR));
            }
            if (classPath.isEmpty()) {
                throw new ArtifactException(image, "the zip holds no JAR in lib/ or at its top");
            }
            long total = 0;
            for (String name : classPath) {
                Path file = target.resolve(name.substring(name.lastIndexOf('/') + 1));
                try (InputStream in = zip.getInputStream(zip.getEntry(name));
                        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                    total += copy(image, in, Channels.newOutputStream(channel), maxBytes - total, maxBytes);
                    channel.force(true);
                }
            }
        }
    }

    private static long copy(String image, InputStream in, OutputStream out, long allowed, long limit)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            copied += read;
            if (copied > allowed) {
                throw new ArtifactException(image, "the zip unpacks to more than " + limit
                        + " bytes, the limit on artifact size");
            }
            out.write(buffer, 0, read);
        }
        return copied;
    }
}
