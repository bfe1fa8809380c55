/**
 * The rogue sample: does to the JVM what no function in a shared JVM should (exit in every form,
 * replace standard output, read the environment, set system properties, default locale and time
 * zone, add shutdown hooks, set the default uncaught-exception handler) and burns CPU or
 * allocates on request, so the runtime's containment and accounting can be tested against it.
 */
package dev.faasjvm.samples.rogue;
