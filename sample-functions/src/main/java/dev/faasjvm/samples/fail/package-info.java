/** The {@code fail} sample: throws on every call. */
package dev.faasjvm.samples.fail;
