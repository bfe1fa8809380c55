/** The {@code closeable} sample: a handler with a {@code close()} hook, for shutdown and scale-down tests. */
package dev.faasjvm.samples.closeable;
