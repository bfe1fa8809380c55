package dev.faasjvm.runtime.workers;

/**
 * A task whose result is handed over after its worker counts itself free again: {@link #run}
 * does the work, {@link #publish} tells the caller. The caller's next request (a client on a
 * keep-alive connection sends it the moment it has the answer) then finds this warm worker still
 * looking for work, rather than waking a parked, cold one. Publishing must not block, since the
 * worker counts as looking for work meanwhile: it completes futures whose continuations only
 * write a response or count.
 */
public interface Task extends Runnable {
    void publish();
}
