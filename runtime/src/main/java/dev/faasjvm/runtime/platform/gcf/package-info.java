/**
 * Runs Google Cloud Functions as Google's Functions Framework invoker does. An {@code HttpFunction}:
 * the call becomes an {@code HttpRequest} (its path is the one below the function's name; a
 * {@code multipart/form-data} body is split into parts), and what the function writes to its
 * {@code HttpResponse} (status, content type, appended headers, an output stream or a writer) streams
 * to the caller from its first flush. A {@code CloudEventsFunction}: the call's CloudEvent, in binary
 * or structured HTTP mode, is read with the CloudEvents SDK and handed to it. Depends on the API,
 * Google's {@code com.google.cloud.functions}, CloudEvents and the JDK only.
 */
package dev.faasjvm.runtime.platform.gcf;
