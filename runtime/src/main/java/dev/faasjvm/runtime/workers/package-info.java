/**
 * The threads that run every replica's calls: one runtime-wide set of workers
 * ({@link dev.faasjvm.runtime.workers.Workers}), and a logical pool per replica
 * ({@link dev.faasjvm.runtime.workers.WorkerPool}) that gives them its tasks.
 *
 * <p><b>Why shared.</b> A replica is a handler instance and the pool that serves it; when each pool
 * had threads of its own, a machine busy with many functions woke a parked thread of a different
 * function for nearly every call, while the thread that had just finished a call of another
 * function went idle: with load spread over 100 functions that cost 1.45-2.5x the CPU per request
 * of the same load on one. Shared workers let the warm thread take the next call, whichever
 * function's it is.
 *
 * <p><b>What a worker keeps per function.</b> When it takes a task of another pool it switches to
 * that pool: its name becomes the replica's ({@code fn-<replica>-<worker>}), its CPU time is
 * counted to the function from then on ({@link dev.faasjvm.runtime.accounting.AccountedThread}),
 * and the pool's own preparation runs (the registry tags the function's output with the replica).
 * A worker that ran a pool's tasks ends when that pool shuts down, so whatever the function left
 * in its thread-locals goes with it and never keeps a closed replica's class loader alive.
 *
 * <p>This package knows neither HTTP, the registry nor class loading: it imports the JDK and
 * the accounting package.
 */
package dev.faasjvm.runtime.workers;
