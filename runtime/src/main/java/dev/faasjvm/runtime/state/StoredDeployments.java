package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.StateProblem;
import java.util.List;

/**
 * Everything a {@link DeploymentStore} held at start: the entries it could read, and the ones it
 * could not, each named with its reason. Immutable.
 *
 * @param deployments the readable entries, in a stable order
 * @param problems the unreadable entries; they are left where they are
 */
public record StoredDeployments(List<StoredDeployment> deployments, List<StateProblem> problems) {
    public StoredDeployments {
        deployments = List.copyOf(deployments);
        problems = List.copyOf(problems);
    }
}
