/**
 * The runtime's background threads, made one way: daemon threads named after their job. A leaf:
 * it depends on no other package of the runtime, and every package may use it.
 */
package dev.faasjvm.runtime.threads;
