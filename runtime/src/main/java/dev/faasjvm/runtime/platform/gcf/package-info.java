/**
 * Runs a Google Cloud Functions {@code HttpFunction} as Google's Functions Framework invoker does:
 * the call becomes an {@code HttpRequest} (its path is the one below the function's name; a
 * {@code multipart/form-data} body is split into parts), the function writes an {@code HttpResponse}
 * (status, content type, appended headers, an output stream or a writer), and what it wrote is the
 * answer once it returns. Depends on the API, Google's {@code com.google.cloud.functions} and the
 * JDK only.
 */
package dev.faasjvm.runtime.platform.gcf;
