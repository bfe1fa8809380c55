package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.backend.ConflictException;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.namespaces.NamespaceRegistry;
import dev.faasjvm.runtime.secrets.SecretVault;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.Secret;
import dev.faasjvm.runtime.wire.SecretSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registry's namespaces and the secrets in them, with the rule that binds them to functions:
 * anything that puts a function or a secret into a namespace runs under {@link #admit}, which
 * holds that namespace's read lock and checks that it exists; deleting a namespace holds its write
 * lock and refuses while functions or secrets live in it. So nothing lands in a namespace that is
 * going, and nothing is orphaned. Thread-safe.
 *
 * <p>Every wait for a namespace's lock is bounded by {@link #WAIT}, as {@link NameLocks} bounds a
 * name's (issue 10): a deploy holds its namespace while its handler is constructed, which may take
 * up to its construct timeout, and an unbounded delete would wait as long, and with it every later
 * deploy into the namespace (a waiting writer holds back new readers). Past the bound the request
 * is answered 409, naming the namespace and the requests holding it, as a name's wait is. A
 * delete need not wait for a construction: the function it brings would make the delete fail anyway.
 */
final class NamespaceGuard {
    /** The longest a request waits for another's hold on a namespace. */
    static final Duration WAIT = Duration.ofSeconds(2);

    private final NamespaceRegistry namespaces;
    private final SecretVault secrets;
    /** One lock per namespace that existed when it was asked for; deleted ones keep theirs. */
    private final ConcurrentHashMap<String, Held> locks = new ConcurrentHashMap<>();

    NamespaceGuard(NamespaceRegistry namespaces, SecretVault secrets) {
        this.namespaces = namespaces;
        this.secrets = secrets;
    }

    /** Throws {@code InvalidRequestException} (400) unless the namespace exists. */
    void check(String namespace) {
        namespaces.check(namespace);
    }

    /**
     * Runs a change that puts something into {@code namespace}, which must exist and stay;
     * {@code what} says what the change is (e.g. {@code deploy of function "x"}) to a request that
     * waits for it in vain.
     */
    void admit(String namespace, String what, Runnable change) {
        namespaces.check(namespace); // no lock is made for a namespace that does not exist
        Held held = locks.computeIfAbsent(namespace, ignored -> new Held());
        held.with(held.lock.readLock(), namespace, what, WAIT, () -> {
            namespaces.check(namespace);
            change.run();
            return null;
        });
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
        if (namespaces.get(name).isEmpty()) {
            throw new NotFoundException("Namespace \"" + name + "\" not found");
        }
        Held held = locks.computeIfAbsent(name, ignored -> new Held());
        held.with(held.lock.writeLock(), name, "delete of the namespace", WAIT, () -> {
            if (namespaces.get(name).isEmpty()) {
                throw new NotFoundException("Namespace \"" + name + "\" not found");
            }
            List<String> functions = functionsIn.apply(name);
            List<String> secretNames = secrets.names(name);
            if (!functions.isEmpty() || !secretNames.isEmpty()) {
                String contents = (functions.isEmpty() ? "" : "functions " + functions)
                        + (functions.isEmpty() || secretNames.isEmpty() ? "" : " and ")
                        + (secretNames.isEmpty() ? "" : "secrets " + secretNames);
                throw new ConflictException("Namespace \"" + name + "\" still holds " + contents
                        + "; delete them first");
            }
            namespaces.delete(name);
            return null;
        });
    }

    List<SecretSummary> secrets(String namespace) {
        check(namespace);
        return secrets.list(namespace);
    }

    void createSecret(Secret secret) {
        admit(secret.namespace(), "creation of secret \"" + secret.name() + "\"", () -> secrets.create(secret));
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

    /** A namespace's lock and what holds it now, for the answer to a request that waited in vain. */
    private static final class Held {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Queue<String> holders = new ConcurrentLinkedQueue<>();

        <T> T with(Lock side, String namespace, String what, Duration wait, Supplier<T> action) {
            BoundedLock.lock(side, wait, how -> busy(namespace, how));
            holders.add(what);
            try {
                return action.get();
            } finally {
                holders.remove(what);
                side.unlock();
            }
        }

        private ConflictException busy(String namespace, String how) {
            List<String> now = List.copyOf(holders);
            return new ConflictException("Namespace \"" + namespace + "\" is held by another request"
                    + (now.isEmpty() ? "" : " (" + String.join(", ", now) + ")") + " and " + how
                    + " for it to finish; try again later");
        }
    }
}
