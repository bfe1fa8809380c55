/**
 * The {@code untidy} sample: leaves behind everything the runtime knows how to clean up (a thread
 * that stops when interrupted, a registered JDBC driver, a {@code java.util.logging} handler on the
 * root logger) and is {@code AutoCloseable}, so tests can prove it unloads without a leak.
 */
package dev.faasjvm.samples.untidy;
