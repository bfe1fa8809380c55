/**
 * The watched functions folder ({@code --functions}): JARs added, replaced and removed there are
 * deployed, updated and deleted through the {@link dev.faasjvm.runtime.backend.ProviderBackend},
 * like any client's change, and so are saved to the state. Functions run from private copies of
 * the JARs in the state directory, so a JAR overwritten in place never changes under a running
 * generation. Nothing here knows HTTP or class loaders.
 */
package dev.faasjvm.runtime.folder;
