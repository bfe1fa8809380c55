/** The {@code flaky} sample: fails the first attempts of each call id, then succeeds. */
package dev.faasjvm.samples.flaky;
