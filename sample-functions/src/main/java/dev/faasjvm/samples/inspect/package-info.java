/** The {@code inspect} sample: reports as JSON what the request and context held. */
package dev.faasjvm.samples.inspect;
