package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.backend.ConflictException;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.namespaces.NamespaceRegistry;
import dev.faasjvm.runtime.secrets.SecretVault;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.Secret;
import dev.faasjvm.runtime.wire.SecretSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The registry's namespaces and the secrets in them, with the rule that binds them to functions:
 * anything that puts a function or a secret into a namespace runs under {@link #admit}, which
 * holds the read lock and checks that the namespace exists; deleting a namespace holds the write
 * lock and refuses while functions or secrets live in it. So nothing lands in a namespace that is
 * going, and nothing is orphaned. Thread-safe.
 */
final class NamespaceGuard {
    private final NamespaceRegistry namespaces;
    private final SecretVault secrets;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    NamespaceGuard(NamespaceRegistry namespaces, SecretVault secrets) {
        this.namespaces = namespaces;
        this.secrets = secrets;
    }

    /** Throws {@code InvalidRequestException} (400) unless the namespace exists. */
    void check(String namespace) {
        namespaces.check(namespace);
    }

    /** Runs a change that puts something into {@code namespace}, which must exist and stay. */
    void admit(String namespace, Runnable change) {
        Lock shared = lock.readLock();
        shared.lock();
        try {
            namespaces.check(namespace);
            change.run();
        } finally {
            shared.unlock();
        }
    }

    List<String> names() {
        return namespaces.names();
    }

    Optional<FunctionNamespace> get(String name) {
        return namespaces.get(name);
    }

    void create(FunctionNamespace namespace) {
        namespaces.create(namespace);
    }

    void update(FunctionNamespace namespace) {
        namespaces.update(namespace);
    }

    /**
     * Deletes an empty namespace.
     *
     * @param functionsIn the names of the functions in a namespace
     * @throws ConflictException naming what the namespace still holds
     */
    void delete(String name, Function<String, List<String>> functionsIn) {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            if (namespaces.get(name).isEmpty()) {
                throw new NotFoundException("Namespace \"" + name + "\" not found");
            }
            List<String> functions = functionsIn.apply(name);
            List<String> secretNames = secrets.names(name);
            if (!functions.isEmpty() || !secretNames.isEmpty()) {
                String held = (functions.isEmpty() ? "" : "functions " + functions)
                        + (functions.isEmpty() || secretNames.isEmpty() ? "" : " and ")
                        + (secretNames.isEmpty() ? "" : "secrets " + secretNames);
                throw new ConflictException("Namespace \"" + name + "\" still holds " + held + "; delete them first");
            }
            namespaces.delete(name);
        } finally {
            exclusive.unlock();
        }
    }

    List<SecretSummary> secrets(String namespace) {
        check(namespace);
        return secrets.list(namespace);
    }

    void createSecret(Secret secret) {
        admit(secret.namespace(), () -> secrets.create(secret));
    }

    void updateSecret(Secret secret) {
        check(secret.namespace());
        secrets.update(secret);
    }

    void deleteSecret(String name, String namespace) {
        check(namespace);
        secrets.delete(name, namespace);
    }

    /** Copies of the values of secrets a deployment lists; a missing one is a 400 naming it. */
    Map<String, byte[]> secretValues(String namespace, List<String> names) {
        return secrets.values(namespace, names);
    }
}
