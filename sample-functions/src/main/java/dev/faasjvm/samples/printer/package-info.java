/**
 * The {@code printer} sample: prints lines to standard output, standard error or
 * {@code java.util.logging}, from its own thread or one it starts, so its logs can be read with
 * {@code GET /system/logs?name=printer}.
 */
package dev.faasjvm.samples.printer;
