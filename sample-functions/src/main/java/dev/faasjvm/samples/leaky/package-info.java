/**
 * The {@code leaky} sample: leaks its class loader on purpose, so tests can prove the runtime
 * notices. Env var {@code leak=thread} starts a thread that ignores interrupts and never ends;
 * {@code leak=registry} parks one of its own objects in the JDK-wide system properties.
 */
package dev.faasjvm.samples.leaky;
