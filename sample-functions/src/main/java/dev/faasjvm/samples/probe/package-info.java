/** The {@code probe} sample: asserts from inside its loader what it can and cannot see. */
package dev.faasjvm.samples.probe;
