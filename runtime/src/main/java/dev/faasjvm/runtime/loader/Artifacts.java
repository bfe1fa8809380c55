package dev.faasjvm.runtime.loader;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Resolves a deployment's {@code image} to a local JAR: a {@code file:} URL or an absolute path.
 * Each failure names the image and what is wrong with it. Stateless and thread-safe.
 */
final class Artifacts {
    private Artifacts() {
    }

    static Path resolve(String image) {
        Path path = toPath(image);
        if (!Files.exists(path)) {
            throw new FunctionLoadException("Image \"" + image + "\": no file at " + path);
        }
        if (Files.isDirectory(path)) {
            throw new FunctionLoadException("Image \"" + image + "\": " + path + " is a directory, not a JAR");
        }
        if (!Files.isReadable(path)) {
            throw new FunctionLoadException("Image \"" + image + "\": " + path + " is not readable");
        }
        checkJar(image, path);
        return path;
    }

    private static Path toPath(String image) {
        String scheme = scheme(image);
        try {
            if (scheme.equals("file")) {
                return Path.of(new URI(image)).toAbsolutePath().normalize();
            }
            if (!scheme.isEmpty() && !looksLikeWindowsDrive(image)) {
                throw new FunctionLoadException("Image \"" + image + "\": scheme \"" + scheme
                        + ":\" is not supported; use a file: URL or an absolute path to a JAR");
            }
            Path path = Path.of(image);
            if (!path.isAbsolute()) {
                throw new FunctionLoadException("Image \"" + image
                        + "\": a relative path is ambiguous; use a file: URL or an absolute path to a JAR");
            }
            return path.normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FunctionLoadException("Image \"" + image + "\" is not a valid file URL or path: "
                    + e.getMessage(), e);
        }
    }

    private static void checkJar(String image, Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (zip.size() == 0) {
                throw new FunctionLoadException("Image \"" + image + "\": " + path + " is an empty JAR");
            }
        } catch (ZipException e) {
            throw new FunctionLoadException("Image \"" + image + "\": " + path + " is not a JAR (zip) file", e);
        } catch (IOException e) {
            throw new FunctionLoadException("Image \"" + image + "\": cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    static String scheme(String image) {
        int colon = image.indexOf(':');
        if (colon <= 0) {
            return "";
        }
        String candidate = image.substring(0, colon);
        return candidate.matches("[A-Za-z][A-Za-z0-9+.-]*") ? candidate.toLowerCase(Locale.ROOT) : "";
    }

    private static boolean looksLikeWindowsDrive(String image) {
        return image.length() > 2 && image.charAt(1) == ':' && (image.charAt(2) == '\\' || image.charAt(2) == '/');
    }
}
