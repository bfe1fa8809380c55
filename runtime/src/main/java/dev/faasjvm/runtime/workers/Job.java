package dev.faasjvm.runtime.workers;

/** A task given to one pool, waiting in the shared queue for a worker. */
record Job(WorkerPool pool, Runnable task) {
}
