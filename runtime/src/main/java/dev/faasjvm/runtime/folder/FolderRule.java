package dev.faasjvm.runtime.folder;

import dev.faasjvm.runtime.folder.SharedFolders.Entry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The rule by which several nodes' functions folders share one state, decided by one node for one
 * function name from what the state holds (and, for a JAR that went, the other live nodes'
 * folders). It writes only on a change of this node's folder (or a hand-over, below), so nodes
 * never take turns overwriting each other; every write is a compare-and-set, so of two nodes
 * deciding at once one wins and the other decides again on what it wrote.
 *
 * <ul>
 *   <li>A function deployed or updated through the API (it has no {@link FunctionsFolder#SOURCE_ANNOTATION})
 *       is never written by a folder.
 *   <li>A JAR whose function does not exist deploys it. One whose bytes the function already runs
 *       writes nothing: the same JAR in several folders is one deployment.
 *   <li>Different bytes replace the function if this node's folder is its source (the JAR there
 *       was replaced), or if this JAR precedes the source's ({@link FolderJar#PRECEDENCE}: newer,
 *       then node name); otherwise the source's JAR stays, and this node says so.
 *   <li>A JAR that went from its source's folder deletes the function, unless another live node's
 *       folder still provides it: then that node's folder (the first by precedence) becomes its
 *       source, keeping the bytes that run, and that node writes its own JAR if it differs. A JAR
 *       that went from another folder than the source's changes nothing; nor does a node dying.
 * </ul>
 *
 * Stateless.
 */
final class FolderRule {
    /** What to do about one function. */
    enum Action {
        /** Write nothing; {@code reason}, when not empty, says why this node's JAR is not what runs. */
        KEEP,
        CREATE,
        REPLACE,
        DELETE,
        /** Make {@code heir}'s folder the source, keeping the bytes. */
        HAND_OVER
    }

    record Decision(Action action, String reason, String heir) {
        static Decision keep(String reason) {
            return new Decision(Action.KEEP, reason, "");
        }
    }

    private FolderRule() {
    }

    /**
     * This node's folder has {@code own} under {@code name} (at start, or once it changed).
     *
     * @param sameBytes whether the stored function already runs these bytes
     */
    static Decision onJar(String node, String name, FolderJar own, Optional<Entry> stored, boolean sameBytes) {
        if (stored.isEmpty()) {
            return new Decision(Action.CREATE, "", "");
        }
        Map<String, String> annotations = stored.get().annotations();
        if (!isFolders(annotations)) {
            return Decision.keep("function \"" + name + "\" was deployed or updated through the API, which takes"
                    + " precedence over the functions folder; the folder leaves it alone (delete it through the API"
                    + " to give it back to the folder)");
        }
        if (sameBytes) {
            return Decision.keep("");
        }
        String source = sourceNode(annotations);
        if (source.equals(node)) {
            return new Decision(Action.REPLACE, "", "");
        }
        FolderJar theirs = new FolderJar(annotations.getOrDefault(FunctionsFolder.SHA256_ANNOTATION, ""),
                modified(annotations), annotations.getOrDefault(FunctionsFolder.SOURCE_ANNOTATION, ""));
        if (FolderJar.PRECEDENCE.compare(Map.entry(node, own), Map.entry(source, theirs)) < 0) {
            return new Decision(Action.REPLACE, "replacing node " + describe(source) + "'s older "
                    + name + ".jar (modified " + theirs.modified() + ")", "");
        }
        return Decision.keep("node " + describe(source) + "'s functions folder provides another " + name
                + ".jar (modified " + theirs.modified() + ", not before this one's " + own.modified() + "), which"
                + " the cluster runs; this one is not deployed");
    }

    /**
     * {@code name}'s JAR is not (or no longer) in this node's folder.
     *
     * @param providers what the other live nodes' folders provide under {@code name}, by node
     */
    static Decision onGone(String node, Optional<Entry> stored, Map<String, FolderJar> providers) {
        if (stored.isEmpty() || !isFolders(stored.get().annotations())
                || !sourceNode(stored.get().annotations()).equals(node)) {
            return Decision.keep("");
        }
        return providers.entrySet().stream().sorted(FolderJar.PRECEDENCE).findFirst()
                .map(heir -> new Decision(Action.HAND_OVER, "", heir.getKey()))
                .orElse(new Decision(Action.DELETE, "", ""));
    }

    /** Whether a folder deployed the function (and no API call changed it since). */
    static boolean isFolders(Map<String, String> annotations) {
        return annotations.containsKey(FunctionsFolder.SOURCE_ANNOTATION);
    }

    /** The node whose folder is a function's source: empty on a single node (and for a folder before clusters). */
    static String sourceNode(Map<String, String> annotations) {
        return annotations.getOrDefault(FunctionsFolder.NODE_ANNOTATION, "");
    }

    private static Instant modified(Map<String, String> annotations) {
        try {
            return Instant.parse(annotations.getOrDefault(FunctionsFolder.MODIFIED_ANNOTATION, ""));
        } catch (DateTimeParseException e) {
            return Instant.MIN; // written before the time was recorded: any JAR is newer
        }
    }

    private static String describe(String node) {
        return node.isEmpty() ? "(unnamed)" : node;
    }
}
