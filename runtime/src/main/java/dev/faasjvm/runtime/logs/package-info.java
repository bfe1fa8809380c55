/**
 * Function logs: what functions print to {@code System.out}, {@code System.err} and
 * {@code java.util.logging}, routed line by line to the function on whose behalf the printing
 * thread runs, kept in a bounded buffer per function and read as {@code /system/logs} streams.
 *
 * <p>Why attribution goes through the context class loader: every replica thread runs with its
 * generation's loader as context loader, and a thread inherits its creator's context loader, so
 * threads a function starts are attributed to it with no help from the function and no cost on
 * the invocation path; only printing pays. Which replica printed travels in an inheritable tag
 * that holds no references, so a leftover thread pins no class loader. Lines are assembled per
 * thread, so lines of concurrent calls never mix. The runtime's own output and loggers pass
 * through unattributed.
 *
 * <p>Nothing here knows HTTP or the registry; the registry attaches each generation and removes
 * a deleted function's log.
 */
package dev.faasjvm.runtime.logs;
