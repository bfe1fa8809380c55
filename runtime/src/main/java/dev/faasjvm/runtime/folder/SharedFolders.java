package dev.faasjvm.runtime.folder;

import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.util.Map;
import java.util.Optional;

/**
 * What the functions folder needs of the state it writes to, so that several nodes, each with its
 * own {@code --functions} folder, can share one state without overwriting each other
 * ({@link FolderRule}): reads with the revision to compare-and-set on, writes that succeed only
 * while nothing else wrote first, and what the other live nodes' folders provide. A single node
 * has no other folder ({@link #singleNode}); a cluster implements it over etcd. Thread-safe.
 */
public interface SharedFolders {
    /**
     * One function as the shared state holds it.
     *
     * @param image the image it was deployed with (for a folder's function, the writing node's private copy)
     * @param annotations its annotations, which say whether and from which folder it came
     * @param revision the revision to compare-and-set on
     */
    record Entry(String image, Map<String, String> annotations, long revision) {
    }

    /** This node's name, recorded in what its folder writes; empty on a single node. */
    String node();

    /** The function in the default namespace as stored now, if there is one. */
    Optional<Entry> read(String name);

    /**
     * Deploys a function that does not exist yet; false (nothing changed) if it exists by now.
     *
     * @throws dev.faasjvm.runtime.backend.ProviderException if it cannot be deployed (a bad JAR)
     */
    boolean create(FunctionDeployment spec);

    /**
     * Updates a function only while it is still at {@code revision}; false (nothing changed) if
     * another write came first.
     *
     * @throws dev.faasjvm.runtime.backend.ProviderException if it cannot be deployed (a bad JAR)
     */
    boolean replace(FunctionDeployment spec, long revision);

    /** Deletes a function only while it is still at {@code revision}; false if another write came first. */
    boolean remove(String name, long revision);

    /**
     * Rewrites only the annotations of a function still at {@code revision}, keeping the bytes it
     * runs: how a node whose JAR went names another node's folder as the function's source.
     */
    boolean handOver(String name, Map<String, String> annotations, long revision);

    /** Tells the other nodes which JARs this node's folder provides now, by function name. */
    void publish(Map<String, FolderJar> jars);

    /** The JARs of the function that the folders of the other live nodes provide, by node. */
    Map<String, FolderJar> providers(String name);

    /** One node alone: the state is its own, and there is no other folder. */
    static SharedFolders singleNode(ProviderBackend backend) {
        return new SingleNodeFolders(backend);
    }
}
