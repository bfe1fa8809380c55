/** The {@code wordcount} sample: a {@code java.util.function.Function} bound to JSON. */
package dev.faasjvm.samples.wordcount;
