package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.FunctionNamespace;
import java.util.List;

/**
 * Where the namespaces a client created are kept between runs (the default namespace always
 * exists and is not stored). Implementations are thread-safe; a failure is an unchecked exception
 * and leaves the previous content in place.
 */
public interface NamespaceStore {

    /** Every stored namespace; empty on a first start. */
    List<FunctionNamespace> load();

    /** Replaces everything stored with {@code namespaces}, atomically: all of it or none of it. */
    void save(List<FunctionNamespace> namespaces);

    /**
     * A store that keeps nothing, for a runtime whose state is in memory only: what the runtime
     * holds is all there is, and nothing survives its close.
     */
    static NamespaceStore ephemeral() {
        return new NamespaceStore() {
            @Override
            public List<FunctionNamespace> load() {
                return List.of();
            }

            @Override
            public void save(List<FunctionNamespace> namespaces) {
                // nothing to keep: the state lives in memory only
            }
        };
    }
}
