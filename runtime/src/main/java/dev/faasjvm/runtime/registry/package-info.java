/**
 * The JVM back-end: keeps the deployed functions, turns a deployment into a generation of
 * replicas (handler instances, each with its pool of the runtime's shared worker threads,
 * {@link dev.faasjvm.runtime.workers.WorkerPool}), routes each
 * call to the least busy replica, scales generations up and down (and to and from zero, keeping
 * idle class loaders in the {@code WarmLoaders} cache), enforces {@code max_inflight} and
 * {@code exec_timeout} (the {@code Watchdog} times calls out and replaces stuck workers), and
 * retires generations after their calls drain. Each class loader a generation holds comes with the
 * output its threads print to ({@code AttachedFunction}), and replicas get the values of the
 * secrets their deployment lists. It implements
 * {@link dev.faasjvm.runtime.backend.ProviderBackend} and knows nothing of HTTP: no Jetty type
 * appears here. Nothing here blocks the caller of {@code invoke}: waiting (for a replica to start,
 * for a JAR to reload) is a future completed later by the registry's own threads. Only a function
 * that declared it never blocks runs on the caller's thread ({@code DirectMode}), watched, and
 * moved to its replicas' threads if it blocks there after all.
 */
package dev.faasjvm.runtime.registry;
