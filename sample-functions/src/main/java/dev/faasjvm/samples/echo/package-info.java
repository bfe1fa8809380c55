/** The {@code echo} sample: returns the request body unchanged. */
package dev.faasjvm.samples.echo;
