/**
 * The runtime's Prometheus metrics, served as text on {@code GET /metrics}: per-function calls by
 * status code and their durations (under the OpenFaaS gateway's names, so its dashboards work with
 * faas-jvm alone), per-function gauges read from the back-end at scrape time, the provider's own
 * {@code /system/*} requests (faas-provider's names), and the JVM's heap, Metaspace, threads and
 * classes.
 *
 * <p><b>Why recording is cheap.</b> A call costs one map lookup to find its function's meters and
 * then two atomic additions in its status code's {@link dev.faasjvm.runtime.metrics.CallRecorder}
 * (a bucket and the sum, in a few cache lines), which the scrape turns into the gateway's counter
 * and histogram; no label list is built per call. Everything that is a level rather than an event
 * (replicas, in-flight calls, stuck workers, leaked loaders) is read from the back-end only when
 * scraped.
 *
 * <p>This package knows the Prometheus client and the back-end's records; it knows neither Jetty
 * nor the JVM back-end's classes.
 */
package dev.faasjvm.runtime.metrics;
