package dev.faasjvm.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Says what went wrong with a file in the user's words rather than with a Java class name
 * ({@code AccessDeniedException: /srv/x} becomes {@code permission denied: /srv/x}), for the
 * messages of failed state writes (issue 10). Stateless.
 */
public final class IoProblems {
    private IoProblems() {
    }

    /** The problem, e.g. {@code permission denied: /srv/faas-jvm/secrets.ndjson}. */
    public static String describe(Throwable failure) {
        Throwable cause = failure instanceof UncheckedIOException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof AccessDeniedException) {
            return "permission denied: " + ((FileSystemException) cause).getFile();
        }
        if (cause instanceof NoSuchFileException) {
            return "no such file or folder: " + ((FileSystemException) cause).getFile();
        }
        if (cause instanceof FileSystemException) {
            FileSystemException problem = (FileSystemException) cause;
            String reason = problem.getReason() == null ? "cannot be written" : problem.getReason().toLowerCase();
            return reason + ": " + problem.getFile();
        }
        if (cause instanceof IOException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return String.valueOf(cause.getMessage());
    }
}
