package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.cluster.ClusterView.Snapshot;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which bytes this node runs a stored deployment from, so that every node runs the same ones: a
 * local-path image from this node's copy by hash (pulled from a peer when missing), an
 * {@code http(s)} image pinned with {@code #sha256=} to the hash the receiving node recorded.
 * Thread-safe.
 */
final class LocalImages {
    private final ClusterArtifacts artifacts;
    private final Peers peers;
    private final Supplier<Snapshot> view;
    private final String node;

    LocalImages(ClusterArtifacts artifacts, Peers peers, Supplier<Snapshot> view, String node) {
        this.artifacts = artifacts;
        this.peers = peers;
        this.view = view;
        this.node = node;
    }

    /**
     * The stored spec with the image this node loads.
     *
     * @throws IllegalStateException if the JAR is not here and no live peer could give it
     */
    FunctionDeployment localSpec(StoredDeployment stored, List<String> live) {
        return withImage(stored.spec(), localImage(stored.spec().image(), stored.artifactSha256()));
    }

    String localImage(String image, String sha256) {
        if (sha256.isEmpty()) {
            return image;
        }
        if (ClusterArtifacts.isLocal(image)) {
            return artifacts.find(sha256).or(() -> pull(sha256, ClusterArtifacts.extensionOf(image)))
                    .orElseThrow(() -> new IllegalStateException("its JAR (SHA-256 " + sha256 + ") is on no live node"
                            + " that answers; it is pulled as soon as one does"))
                    .toUri().toString();
        }
        if (image.indexOf('#') < 0 && (image.startsWith("http:") || image.startsWith("https:"))) {
            return image + "#sha256=" + sha256;
        }
        return image;
    }

    private Optional<Path> pull(String sha256, String extension) {
        for (NodeInfo peer : view.get().nodes().values()) {
            if (!peer.name().equals(node) && peers.fetchArtifact(peer, sha256, extension, artifacts)) {
                return artifacts.find(sha256);
            }
        }
        return Optional.empty();
    }

    static FunctionDeployment withImage(FunctionDeployment spec, String image) {
        return image.equals(spec.image()) ? spec : new FunctionDeployment(spec.service(), image, spec.namespace(),
                spec.envProcess(), spec.envVars(), spec.constraints(), spec.secrets(), spec.labels(),
                spec.annotations(), spec.limits(), spec.requests(), spec.readOnlyRootFilesystem());
    }
}
