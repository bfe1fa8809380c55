/**
 * What the runtime keeps on disk under its state directory, and how it writes it: every file is
 * written to a temporary file, forced to disk, renamed over the old one and the directory forced,
 * so a crash at any moment leaves either the old or the new content, never a torn file.
 *
 * <p>Each kind of state sits behind a small interface ({@link dev.faasjvm.runtime.state.SecretStore},
 * {@link dev.faasjvm.runtime.state.NamespaceStore}) so that another store can replace the files; the
 * file stores keep wire records one JSON object per line. Nothing here knows HTTP, class loaders or
 * the rules of what may be stored: callers validate before they save.
 */
package dev.faasjvm.runtime.state;
