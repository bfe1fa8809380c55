/**
 * The {@code stream} sample: a faas-jvm {@link dev.faasjvm.api.StreamingFunctionHandler} that sends
 * its answer in two parts, the second only once it is told to go on.
 */
package dev.faasjvm.samples.stream;
