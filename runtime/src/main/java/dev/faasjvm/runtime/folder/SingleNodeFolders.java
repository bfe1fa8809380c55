package dev.faasjvm.runtime.folder;

import dev.faasjvm.runtime.backend.FunctionExistsException;
import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one node alone: the folder is the only writer besides the API, so every read is
 * current (revision 0) and every write goes straight to the back-end. There is no other folder to
 * hand a function over to.
 */
final class SingleNodeFolders implements SharedFolders {
    private final ProviderBackend backend;

    SingleNodeFolders(ProviderBackend backend) {
        this.backend = backend;
    }

    @Override
    public String node() {
        return "";
    }

    @Override
    public Optional<Entry> read(String name) {
        return backend.status(name, ProviderBackend.DEFAULT_NAMESPACE)
                .map(status -> new Entry(status.image(), status.annotations(), 0));
    }

    @Override
    public boolean create(FunctionDeployment spec) {
        try {
            backend.deploy(spec);
            return true;
        } catch (FunctionExistsException e) {
            return false; // deployed through the API meanwhile: decided again
        }
    }

    @Override
    public boolean replace(FunctionDeployment spec, long revision) {
        try {
            backend.update(spec);
            return true;
        } catch (FunctionNotFoundException e) {
            return false; // deleted through the API meanwhile: decided again
        }
    }

    @Override
    public boolean remove(String name, long revision) {
        try {
            backend.delete(name, ProviderBackend.DEFAULT_NAMESPACE);
        } catch (FunctionNotFoundException e) {
            // deleted through the API meanwhile: what the folder wanted anyway
        }
        return true;
    }

    @Override
    public boolean handOver(String name, Map<String, String> annotations, long revision) {
        throw new IllegalStateException("A single node has no other functions folder to hand " + name + " over to");
    }

    @Override
    public void publish(Map<String, FolderJar> jars) {
        // nobody else to tell
    }

    @Override
    public Map<String, FolderJar> providers(String name) {
        return Map.of();
    }
}
