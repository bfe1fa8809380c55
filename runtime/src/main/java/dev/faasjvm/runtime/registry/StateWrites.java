package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.backend.StateWriteException;
import dev.faasjvm.runtime.state.DeploymentStore;
import dev.faasjvm.runtime.state.IoProblems;
import dev.faasjvm.runtime.state.StoredDeployment;
import java.io.IOException;
import java.time.Duration;

/**
 * The registry's writes to its {@link DeploymentStore}, each made before the change it records is
 * registered: a write that fails turns into a {@link StateWriteException} (500) saying what was
 * not done, and the change is dropped, so the running functions and the stored ones never
 * disagree. Callers hold the function's lock. Thread-safe.
 */
final class StateWrites {
    private final DeploymentStore store;

    StateWrites(DeploymentStore store) {
        this.store = store;
    }

    /** Saves a deploy or update; if it cannot be saved, the generation built for it is closed unused. */
    void save(StoredDeployment stored, Generation built, String action) {
        try {
            store.save(stored);
        } catch (IOException e) {
            built.retire(Duration.ZERO);
            throw failed(action, stored.name(), e, "nothing was changed");
        }
    }

    /** Saves a change of a running function (a scale); if it cannot be saved, it is not made. */
    void save(StoredDeployment stored, String action) {
        try {
            store.save(stored);
        } catch (IOException e) {
            throw failed(action, stored.name(), e, "nothing was changed");
        }
    }

    /** Forgets a deleted function; if it cannot, the function keeps running. */
    void remove(FunctionKey key) {
        try {
            store.remove(key.name(), key.namespace());
        } catch (IOException e) {
            throw failed("delete", key.name(), e, "it keeps running");
        }
    }

    private StateWriteException failed(String action, String name, IOException e, String outcome) {
        return new StateWriteException("Cannot " + action + " \"" + name + "\": its state cannot be written to "
                + store.describe() + " (" + IoProblems.describe(e) + "); " + outcome,
                e);
    }
}
