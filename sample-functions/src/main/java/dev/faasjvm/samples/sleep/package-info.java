/** The {@code sleep} sample: takes as long as asked, for timeout and concurrency tests. */
package dev.faasjvm.samples.sleep;
