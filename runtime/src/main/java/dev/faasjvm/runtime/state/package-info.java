/**
 * What the runtime keeps on disk under its state directory, and how it writes it. Every file is
 * written to a temporary file, forced to disk, renamed over the old one and the directory forced
 * ({@link dev.faasjvm.runtime.state.AtomicFiles}), so a crash at any moment leaves either the old or
 * the new content, never a torn file. Deployments sit behind
 * {@link dev.faasjvm.runtime.state.DeploymentStore}, one small interface whose default is
 * {@link dev.faasjvm.runtime.state.FileDeploymentStore}; other kinds of state (secrets, namespaces)
 * get stores of their own beside it. {@link dev.faasjvm.runtime.state.StateDirectory} locks the
 * directory so that only one runtime uses it.
 *
 * <p>Entries are the wire records written with the shared {@code Json} mapper; nothing here knows
 * HTTP, class loaders or the function registry.
 */
package dev.faasjvm.runtime.state;
