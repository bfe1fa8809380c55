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
 * <p>Each kind of state sits behind a small interface ({@link dev.faasjvm.runtime.state.DeploymentStore},
 * {@link dev.faasjvm.runtime.state.SecretStore}, {@link dev.faasjvm.runtime.state.NamespaceStore}) so
 * that another store can replace the files. Entries are the wire records written with the shared
 * {@code Json} mapper. Nothing here knows HTTP, class loaders, the function registry or the rules of
 * what may be stored: callers validate before they save.
 */
package dev.faasjvm.runtime.state;
