/**
 * Asynchronous calls ({@code /async-function/*}) that are never lost: a durable queue per runtime,
 * workers that feed it to each function within its free capacity, retries, dead letters and
 * callbacks.
 *
 * <p>Design notes:
 * <ul>
 *   <li><b>Durable before acknowledged.</b> A call is appended to the {@link dev.faasjvm.runtime.async.Journal}
 *       and fsynced before the 202. One writer thread does group commit: every call that arrives while
 *       an fsync runs shares the next one. The journal is node-local, in the state folder's {@code async}
 *       folder (in memory when the state is), behind its own small interface: in a cluster each node keeps
 *       its own queue.</li>
 *   <li><b>At least once.</b> A call leaves the journal only after it was answered and its callback was
 *       delivered (or given up). A call that was running at a crash runs again after the restart, with
 *       the same {@code X-Call-Id}.</li>
 *   <li><b>Capacity, and synchronous calls first.</b> The queue runs at most {@code async_concurrency}
 *       calls of a function at once: by default half its capacity (replicas times {@code max_inflight}),
 *       at least one. Synchronous calls so always find the other half free. If the back-end still refuses
 *       a queued call for want of capacity (synchronous calls took every slot), the call goes back to the
 *       head of its line, the refusal does not count as an attempt, and the function's queue pauses
 *       (5 ms, doubling to 500 ms) before it tries again: the queue waits, it never answers 429.</li>
 *   <li><b>Order.</b> Each function's calls start in the order they were accepted. A call waiting for its
 *       retry does not hold up the calls behind it; when its wait is over it goes to the head of the line.</li>
 *   <li><b>Calls run through the back-end's own invoke path</b> ({@link dev.faasjvm.runtime.backend.ProviderBackend#invoke}),
 *       so replicas, limits, timeouts, metrics and logs apply to them as to {@code /function/*}.</li>
 * </ul>
 */
package dev.faasjvm.runtime.async;
