package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.state.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The node's copies of local-path images, by the SHA-256 of their bytes
 * ({@code <state>/cluster-artifacts/<sha256>.jar}): a JAR given as a path exists only on the node
 * that received it, so that node copies it here at once (a JAR deleted right after the 202 still
 * runs) and the others pull it from a peer by its hash. Thread-safe: files appear by atomic rename.
 */
final class ClusterArtifacts {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    ClusterArtifacts(Path dir) {
        this.dir = dir;
    }

    /** Whether an image is a path on the receiving node's disk (absolute path or {@code file:} URL). */
    static boolean isLocal(String image) {
        return image.startsWith("/") || image.startsWith("file:");
    }

    static boolean isSha256(String text) {
        return SHA256.matcher(text).matches();
    }

    /**
     * Copies a local-path image here and returns its hash.
     *
     * @throws InvalidRequestException if it is not a readable regular file
     */
    String adopt(String function, String image) {
        Path source = pathOf(image);
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new InvalidRequestException("Cannot deploy \"" + function + "\": image " + image + " is not a"
                    + " readable JAR or zip file on this node (a cluster shares files, not folders)");
        }
        try (InputStream in = Files.newInputStream(source)) {
            return store(in, extensionOf(image), null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " into " + dir, e);
        }
    }

    /** The copy of an artifact, if this node has it. */
    Optional<Path> find(String sha256) {
        for (String extension : new String[] {".jar", ".zip"}) {
            Path path = dir.resolve(sha256 + extension);
            if (Files.isRegularFile(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /**
     * Stores bytes read from {@code in} under their hash; if {@code expected} is given, bytes with
     * another hash are refused and nothing is kept.
     *
     * @return the hash
     */
    String store(InputStream in, String extension, String expected) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".incoming", ".tmp");
        try {
            MessageDigest digest = sha256();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel),
                            digest)) {
                in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (expected != null && !expected.equals(sha)) {
                throw new IOException("the bytes have SHA-256 " + sha + ", not " + expected);
            }
            Path target = dir.resolve(sha + extension);
            if (!Files.exists(target)) {
                AtomicFiles.moveDurably(temp, target);
            }
            return sha;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String extensionOf(String image) {
        String path = image.contains("#") ? image.substring(0, image.indexOf('#')) : image;
        return path.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") ? ".zip" : ".jar";
    }

    private static Path pathOf(String image) {
        String path = image.contains("#") ? image.substring(0, image.indexOf('#')) : image;
        try {
            return path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Image \"" + image + "\" is not a valid file path or file: URL");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
