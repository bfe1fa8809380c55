package dev.faasjvm.runtime.artifact;

import java.nio.file.Path;

/**
 * What one HTTP fetch of an artifact brought: a complete file in the cache's temporary folder and
 * its SHA-256, with the validators the server sent, or "not modified" (HTTP 304) when the copy the
 * cache holds is still current.
 *
 * @param file the downloaded bytes, or {@code null} when not modified
 * @param sha256 their hash in lower-case hex, or empty when not modified
 * @param etag the server's {@code ETag}, or empty
 * @param lastModified the server's {@code Last-Modified}, or empty
 */
record Download(Path file, String sha256, String etag, String lastModified) {
    static Download notModified() {
        return new Download(null, "", "", "");
    }

    boolean isNotModified() {
        return file == null;
    }
}
