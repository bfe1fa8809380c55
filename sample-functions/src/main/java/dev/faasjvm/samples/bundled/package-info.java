/**
 * The bundled sample: a small handler with Guava and Jackson inside its JAR, the size of a real
 * function, for the containment rewrite's load-time measurements.
 */
package dev.faasjvm.samples.bundled;
