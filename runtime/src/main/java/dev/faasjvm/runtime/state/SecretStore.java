package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.Secret;
import java.util.List;

/**
 * Where the secrets of a runtime are kept between runs. Each {@link Secret} holds its name, its
 * namespace and its bytes in {@code rawValue}. Implementations are thread-safe; a failure is an
 * unchecked exception and leaves the previous content in place.
 */
public interface SecretStore {

    /** Every stored secret; empty on a first start. */
    List<Secret> load();

    /** Replaces everything stored with {@code secrets}, atomically: all of it or none of it. */
    void save(List<Secret> secrets);

    /**
     * A store that keeps nothing, for a runtime whose state is in memory only: what the runtime
     * holds is all there is, and nothing survives its close.
     */
    static SecretStore ephemeral() {
        return new SecretStore() {
            @Override
            public List<Secret> load() {
                return List.of();
            }

            @Override
            public void save(List<Secret> secrets) {
                // nothing to keep: the state lives in memory only
            }
        };
    }
}
