/** The {@code slowstart} sample: a constructor that takes as long as a test wants, for construct timeouts and background restore. */
package dev.faasjvm.samples.slowstart;
