/**
 * What the runtime keeps on disk under its state directory, and how it writes it: every file is
 * written to a temporary file, forced to disk, renamed over the old one and the directory forced,
 * so a crash at any moment leaves either the old or the new content, never a torn file.
 *
 * <p>Nothing here knows HTTP, class loaders or JSON wire rules beyond the bytes it is given.
 */
package dev.faasjvm.runtime.state;
