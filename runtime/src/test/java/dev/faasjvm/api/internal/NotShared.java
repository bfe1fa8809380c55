package dev.faasjvm.api.internal;

/**
 * A test fixture in a sub-package of the API: on the runtime's class path, but never shared with
 * functions, since the API-only loader compares package names for equality, not by prefix.
 */
public final class NotShared {
}
