/**
 * The watched functions folder ({@code --functions}): JARs added, replaced and removed there are
 * deployed, updated and deleted through the {@link dev.faasjvm.runtime.backend.ProviderBackend},
 * like any client's change, and so are saved to the state. Functions run from private copies of
 * the JARs in the state directory, so a JAR overwritten in place never changes under a running
 * generation. In a cluster every node may have a folder: {@link dev.faasjvm.runtime.folder.FolderRule}
 * decides which node's JAR a function runs, through {@link dev.faasjvm.runtime.folder.SharedFolders},
 * which the cluster implements. Nothing here knows HTTP, class loaders or etcd.
 */
package dev.faasjvm.runtime.folder;
