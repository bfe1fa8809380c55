/**
 * Gives back what a retired function held, and notices what it could not: stops the threads a
 * function started, removes the {@code java.util.logging} handlers it installed, and keeps a weak
 * reference to every retired class loader so that one still reachable after garbage collection is
 * reported as a leak, with the function's name and generation.
 *
 * <p><b>Why threads are found through their context class loader.</b> A thread inherits its
 * creator's context class loader, and replica threads run with the function's loader as theirs, so
 * threads a function starts (directly, through an executor or a {@code Timer}) carry its loader
 * unless they change it; thread groups say less since JDK 19 (they are no longer destroyed or
 * tracked). A thread whose own class the function defined is found too.
 *
 * <p><b>Why a leak needs two full collections that end after a grace period.</b> Right after a
 * generation retires, the thread that retired it may still hold it on its stack, and a concurrent
 * collector may have started marking while the loader was still in use. Two complete collections
 * that end at least {@link dev.faasjvm.runtime.unload.LeakDetector#GRACE} after the retirement leave
 * no innocent reason for the loader to be reachable. Young collections prove nothing and are ignored.
 *
 * <p>This package knows neither HTTP nor JSON, and only JDK types cross its surface.
 */
package dev.faasjvm.runtime.unload;
