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
 * <p>faas-cli runs every stack-file image through Docker's image naming, so {@code /opt/fn/echo.jar}
 * arrives as {@code /opt/fn/echo.jar:latest} (and {@code --tag sha} appends more). A trailing Docker tag
 * after a path or URL that ends in {@code .jar}, {@code .zip} or {@code /}, before or after the
 * {@code #sha256=} fragment, is therefore dropped before resolving; {@link #image()} keeps it (issue 14).
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
    /** A Docker tag, as Docker's reference grammar spells it. */
    private static final Pattern DOCKER_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

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
        String location = withoutDockerTag(image);
        String scheme = scheme(location);
        try {
            if (scheme.equals("http") || scheme.equals("https")) {
                return remote(image, location, new URI(location));
            }
            if (scheme.equals("file")) {
                String sha = checksum(image, new URI(location).getRawFragment());
                Path path = Path.of(withoutFragment(location)).toAbsolutePath().normalize();
                return new ImageRef(image, path, null, sha);
            }
            if (!scheme.isEmpty() && !looksLikeWindowsDrive(location)) {
                throw new ArtifactException(image, "scheme \"" + scheme + ":\" is not supported; use an http:, https:"
                        + " or file: URL or an absolute path to a JAR, a zip of JARs or a folder of JARs");
            }
            return local(image, location);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ArtifactException(image, "not a valid URL or path: " + e.getMessage(), e);
        }
    }

    /**
     * The image without the Docker tag faas-cli appends ({@code :latest}, {@code :<tag>}), found at
     * the end of the location or at the end of a {@code #sha256=} fragment. Anything else is kept.
     */
    static String withoutDockerTag(String image) {
        int hash = image.lastIndexOf("#" + FRAGMENT);
        if (hash < 0) {
            return withoutTag(image, true);
        }
        return withoutTag(image.substring(0, hash), true) + "#" + withoutTag(image.substring(hash + 1), false);
    }

    private static String withoutTag(String part, boolean isLocation) {
        int colon = part.lastIndexOf(':');
        if (colon < 0 || !DOCKER_TAG.matcher(part.substring(colon + 1)).matches()) {
            return part;
        }
        String head = part.substring(0, colon);
        boolean tagged = isLocation ? namesArtifact(head) : head.startsWith(FRAGMENT);
        return tagged ? head : part;
    }

    /** A path or URL that ends in {@code .jar}, {@code .zip} or {@code /}; a URL's host:port never does. */
    private static boolean namesArtifact(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        int authority = lower.indexOf("://");
        if (authority >= 0 && lower.indexOf('/', authority + 3) < 0) {
            return false;
        }
        return lower.endsWith(".jar") || lower.endsWith(".zip") || lower.endsWith("/");
    }

    private static ImageRef remote(String image, String location, URI uri) throws URISyntaxException {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ArtifactException(image, "the URL names no host");
        }
        String sha = checksum(image, uri.getRawFragment());
        return new ImageRef(image, null, withoutFragment(location), sha);
    }

    private static URI withoutFragment(String image) throws URISyntaxException {
        int hash = image.indexOf('#');
        return new URI(hash < 0 ? image : image.substring(0, hash));
    }

    private static ImageRef local(String image, String tagless) {
        int hash = tagless.lastIndexOf("#" + FRAGMENT);
        String location = tagless;
        String sha = "";
        if (hash >= 0 && HEX_64.matcher(tagless.substring(hash + 1 + FRAGMENT.length())).matches()) {
            location = tagless.substring(0, hash);
            sha = checksum(image, tagless.substring(hash + 1));
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
