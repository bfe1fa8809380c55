package dev.faasjvm.runtime.artifact;

/**
 * An image could not be turned into loadable JARs. The message starts with the image as the client
 * wrote it and says what went wrong, for the client that asked for the deployment.
 */
public final class ArtifactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ArtifactException(String image, String problem) {
        super("Image \"" + image + "\": " + problem);
    }

    ArtifactException(String image, String problem, Throwable cause) {
        super("Image \"" + image + "\": " + problem, cause);
    }
}
