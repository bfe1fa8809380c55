/**
 * The {@code secret} sample: returns the secret named in its query ({@code ?name=api-key}), which
 * it sees only if its deployment lists it in {@code secrets}.
 */
package dev.faasjvm.samples.secret;
