/** A test fixture, not a quickstart sample: its constructor throws. */
package dev.faasjvm.samples.broken;
