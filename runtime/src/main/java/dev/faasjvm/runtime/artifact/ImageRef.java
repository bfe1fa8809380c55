package dev.faasjvm.runtime.artifact;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed {@code image}: where the artifact is (a local path, or a remote {@code http:} or
 * {@code https:} URI without its fragment) and the SHA-256 it must have, if the image pins one with
 * {@code #sha256=<hex>}. An absolute path may carry the same suffix. Immutable.
 *
 * @param image the image as the client wrote it, for messages
 * @param path the local file or folder, or {@code null} for a remote image
 * @param uri the remote URI without fragment, or {@code null} for a local image
 * @param sha256 the expected hash in lower-case hex, or empty when the image pins none
 */
record ImageRef(String image, Path path, URI uri, String sha256) {
    private static final String FRAGMENT = "sha256=";
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    boolean isRemote() {
        return uri != null;
    }

    boolean isPinned() {
        return !sha256.isEmpty();
    }

    /**
     * Parses an image.
     *
     * @throws ArtifactException for an unsupported scheme, a relative path, a malformed URL or fragment
     */
    static ImageRef parse(String image) {
        String scheme = scheme(image);
        try {
            if (scheme.equals("http") || scheme.equals("https")) {
                return remote(image, new URI(image));
            }
            if (scheme.equals("file")) {
                String sha = checksum(image, new URI(image).getRawFragment());
                return new ImageRef(image, Path.of(withoutFragment(image)).toAbsolutePath().normalize(), null, sha);
            }
            if (!scheme.isEmpty() && !looksLikeWindowsDrive(image)) {
                throw new ArtifactException(image, "scheme \"" + scheme + ":\" is not supported; use an http:, https:"
                        + " or file: URL or an absolute path to a JAR, a zip of JARs or a folder of JARs");
            }
            return local(image);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ArtifactException(image, "not a valid URL or path: " + e.getMessage(), e);
        }
    }

    private static ImageRef remote(String image, URI uri) throws URISyntaxException {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ArtifactException(image, "the URL names no host");
        }
        String sha = checksum(image, uri.getRawFragment());
        return new ImageRef(image, null, withoutFragment(image), sha);
    }

    private static URI withoutFragment(String image) throws URISyntaxException {
        int hash = image.indexOf('#');
        return new URI(hash < 0 ? image : image.substring(0, hash));
    }

    private static ImageRef local(String image) {
        int hash = image.lastIndexOf("#" + FRAGMENT);
        String location = image;
        String sha = "";
        if (hash >= 0 && HEX_64.matcher(image.substring(hash + 1 + FRAGMENT.length())).matches()) {
            location = image.substring(0, hash);
            sha = checksum(image, image.substring(hash + 1));
        }
        Path path = Path.of(location);
        if (!path.isAbsolute()) {
            throw new ArtifactException(image, "a relative path is ambiguous; use a file: URL or an absolute path");
        }
        return new ImageRef(image, path.normalize(), null, sha);
    }

    private static String checksum(String image, String fragment) {
        if (fragment == null || fragment.isEmpty()) {
            return "";
        }
        if (!fragment.startsWith(FRAGMENT)) {
            throw new ArtifactException(image, "the fragment \"#" + fragment + "\" is not supported; pin the"
                    + " artifact with #sha256=<64 hexadecimal digits>");
        }
        String hex = fragment.substring(FRAGMENT.length());
        if (!HEX_64.matcher(hex).matches()) {
            throw new ArtifactException(image, "#sha256= needs 64 hexadecimal digits, not \"" + hex + "\"");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    static String scheme(String image) {
        int colon = image.indexOf(':');
        if (colon <= 0) {
            return "";
        }
        String candidate = image.substring(0, colon);
        return SCHEME.matcher(candidate).matches() ? candidate.toLowerCase(Locale.ROOT) : "";
    }

    private static boolean looksLikeWindowsDrive(String image) {
        return image.length() > 2 && image.charAt(1) == ':' && (image.charAt(2) == '\\' || image.charAt(2) == '/');
    }
}
