package dev.faasjvm.runtime.registry;

/**
 * How far the restore of the stored functions has come: {@code done} of {@code total} entries are
 * back or have failed.
 *
 * @param done entries restored or failed so far
 * @param total entries the store held at start
 */
public record RestoreProgress(int done, int total) {
}
