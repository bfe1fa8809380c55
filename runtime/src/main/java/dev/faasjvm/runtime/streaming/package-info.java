/**
 * Responses written while the function runs (issue 14): {@link dev.faasjvm.runtime.streaming.SinkResponseStream}
 * is the {@link dev.faasjvm.api.ResponseStream} a {@link dev.faasjvm.api.StreamingFunctionHandler}
 * writes to. It buffers, commits status and headers at the first flush or a full buffer, and sends
 * through the call's {@link dev.faasjvm.runtime.backend.ResponseSink}, which the HTTP layer backs
 * with the caller's connection. It knows neither Jetty nor the registry.
 */
package dev.faasjvm.runtime.streaming;
