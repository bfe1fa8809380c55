package dev.faasjvm.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches remote artifacts with the JDK's {@link HttpClient} into temporary files, hashing them on
 * the way and enforcing the size limit and timeouts: the connect timeout, the read timeout for the
 * response's headers, and the same read timeout for every next part of the body (the client itself
 * has none there, so a stalled body would otherwise hang a deploy). The client, and its selector
 * thread, are created on first use. Thread-safe.
 */
final class Downloader implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final ArtifactConfig config;
    private HttpClient client;

    Downloader(ArtifactConfig config) {
        this.config = config;
    }

    /**
     * Fetches {@code ref} into a new file in {@code tempDir}, conditionally when validators of the
     * cached copy are given.
     *
     * @throws ArtifactException naming the image and what failed; no file is left behind
     */
    Download fetch(ImageRef ref, Path tempDir, String etag, String lastModified) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ref.uri()).timeout(config.readTimeout()).GET();
        if (!etag.isEmpty()) {
            request.header("If-None-Match", etag);
        }
        if (!lastModified.isEmpty()) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> response = send(ref, request.build());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 304 && !(etag.isEmpty() && lastModified.isEmpty())) {
                return Download.notModified();
            }
            if (status != 200) {
                throw new ArtifactException(ref.image(), "the server answered HTTP " + status + " for " + ref.uri());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > config.maxArtifactBytes()) {
                throw tooLarge(ref, length + " bytes");
            }
            Path file = Files.createTempFile(tempDir, "download-", ".part");
            try {
                String sha = save(ref, body, file);
                return new Download(file, sha, response.headers().firstValue("ETag").orElse(""),
                        response.headers().firstValue("Last-Modified").orElse(""));
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (IOException e) {
            throw new ArtifactException(ref.image(), "the download from " + ref.uri() + " failed: " + e, e);
        }
    }

    private HttpResponse<InputStream> send(ImageRef ref, HttpRequest request) {
        URI uri = ref.uri();
        String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        long started = System.nanoTime();
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            // newer JDKs also report the request (read) timeout this way when it ends a slow connect
            boolean connectTimeout = System.nanoTime() - started >= config.connectTimeout().toNanos();
            throw new ArtifactException(ref.image(), "could not connect to " + where + " within "
                    + (connectTimeout ? config.connectTimeout().toMillis() + " ms (artifact connect timeout)"
                            : config.readTimeout().toMillis() + " ms (artifact read timeout)"), e);
        } catch (HttpTimeoutException e) {
            throw new ArtifactException(ref.image(), "no answer from " + where + " within "
                    + config.readTimeout().toMillis() + " ms (artifact read timeout)", e);
        } catch (ConnectException e) {
            throw new ArtifactException(ref.image(), "cannot connect to " + where + ": connection refused", e);
        } catch (IOException e) {
            throw new ArtifactException(ref.image(), "cannot fetch " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException(ref.image(), "the download was interrupted", e);
        }
    }

    /** Copies the body into {@code file}, hashing it, and forces it to disk; answers the hash. */
    private String save(ImageRef ref, InputStream body, Path file) throws IOException {
        MessageDigest digest = Checksums.sha256();
        AtomicBoolean stalled = new AtomicBoolean();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (true) {
                int read = readGuarded(body, buffer, stalled);
                if (stalled.get()) {
                    throw new ArtifactException(ref.image(), "the download from " + ref.uri() + " stalled: no data for "
                            + config.readTimeout().toMillis() + " ms (artifact read timeout)");
                }
                if (read < 0) {
                    break;
                }
                total += read;
                if (total > config.maxArtifactBytes()) {
                    throw tooLarge(ref, "more than that");
                }
                digest.update(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
        }
        return Checksums.hex(digest.digest());
    }

    /**
     * One read of the body, guarded by the read timeout: when it passes, the stream is closed,
     * which wakes the blocked read, and {@code stalled} is set so the caller can tell a stall from
     * the end of the body.
     */
    private int readGuarded(InputStream body, byte[] buffer, AtomicBoolean stalled) throws IOException {
        CompletableFuture<Void> guard = new CompletableFuture<>();
        guard.orTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS).exceptionally(failure -> {
            if (failure instanceof TimeoutException) {
                stalled.set(true);
                closeQuietly(body);
            }
            return null;
        });
        try {
            return body.read(buffer);
        } catch (IOException e) {
            if (stalled.get()) {
                return -1;
            }
            throw e;
        } finally {
            guard.complete(null);
        }
    }

    private ArtifactException tooLarge(ImageRef ref, String size) {
        return new ArtifactException(ref.image(), "the artifact at " + ref.uri() + " is larger (" + size + ") than the "
                + config.maxArtifactBytes() + "-byte limit on artifact size");
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the read it wakes reports the stall; a failure to close adds nothing to that
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(config.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    /** Releases the client's threads where the JDK allows it (HttpClient is closeable from JDK 21). */
    @Override
    public synchronized void close() throws Exception {
        if (client instanceof AutoCloseable) {
            ((AutoCloseable) client).close();
        }
        client = null;
    }
}
