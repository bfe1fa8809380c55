package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.ConflictException;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.etcd.EtcdNamespaceStore;
import dev.faasjvm.runtime.etcd.EtcdSecretStore;
import dev.faasjvm.runtime.etcd.Versioned;
import dev.faasjvm.runtime.namespaces.NamespaceRegistry;
import dev.faasjvm.runtime.secrets.SecretVault;
import dev.faasjvm.runtime.state.NamespaceStore;
import dev.faasjvm.runtime.state.SecretStore;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.Secret;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Changes of the cluster's secrets and namespaces, each a compare-and-set of its list in etcd,
 * retried on the fresh list when another node changed it first, so that two nodes adding at once
 * both get in. Each change is checked by the same {@link SecretVault} or {@link NamespaceRegistry}
 * a single node uses, loaded from the list as etcd holds it, so the rules and the messages (409,
 * 404, 400) are the same. Thread-safe.
 */
final class SharedLists {
    private final EtcdSecretStore secrets;
    private final EtcdNamespaceStore namespaces;

    SharedLists(EtcdSecretStore secrets, EtcdNamespaceStore namespaces) {
        this.secrets = secrets;
        this.namespaces = namespaces;
    }

    /** Applies a change to the secrets; returns the revision it was committed at. */
    long changeSecrets(Consumer<SecretVault> change) {
        while (true) {
            Versioned<List<Secret>> current = secrets.read();
            Captured<Secret> captured = new Captured<>(current.value());
            change.accept(SecretVault.load(captured.asSecretStore()));
            OptionalLong committed = secrets.saveIf(captured.saved, current.modRevision());
            if (committed.isPresent()) {
                return committed.getAsLong();
            }
        }
    }

    /**
     * Applies a change to the namespaces, after {@code guard} has checked it against the fresh
     * secrets list (a namespace that still holds secrets cannot be deleted); returns the revision.
     */
    long changeNamespaces(Consumer<NamespaceRegistry> change, Function<List<Secret>, RuntimeException> guard) {
        while (true) {
            RuntimeException refused = guard.apply(secrets.load());
            if (refused != null) {
                throw refused;
            }
            Versioned<List<FunctionNamespace>> current = namespaces.read();
            Captured<FunctionNamespace> captured = new Captured<>(current.value());
            change.accept(NamespaceRegistry.load(captured.asNamespaceStore()));
            OptionalLong committed = namespaces.saveIf(captured.saved, current.modRevision());
            if (committed.isPresent()) {
                return committed.getAsLong();
            }
        }
    }

    /** Whether a namespace was created (the default one always exists). */
    static void requireCreated(NamespaceRegistry registry, String name) {
        if (!registry.exists(name)) {
            throw new NotFoundException("Namespace \"" + name + "\" not found");
        }
    }

    /** The refusal to delete a namespace that still holds something, as a single node words it. */
    static ConflictException stillHolds(String name, List<String> functions, List<String> secretNames) {
        String held = (functions.isEmpty() ? "" : "functions " + functions)
                + (functions.isEmpty() || secretNames.isEmpty() ? "" : " and ")
                + (secretNames.isEmpty() ? "" : "secrets " + secretNames);
        return new ConflictException("Namespace \"" + name + "\" still holds " + held + "; delete them first");
    }

    /** A store that hands out one list and keeps what is saved back, instead of writing it anywhere. */
    private static final class Captured<T> {
        private final List<T> loaded;
        private List<T> saved;

        Captured(List<T> loaded) {
            this.loaded = loaded;
            this.saved = loaded;
        }

        @SuppressWarnings("unchecked")
        SecretStore asSecretStore() {
            return new SecretStore() {
                @Override
                public List<Secret> load() {
                    return (List<Secret>) loaded;
                }

                @Override
                public void save(List<Secret> list) {
                    saved = (List<T>) List.copyOf(list);
                }
            };
        }

        @SuppressWarnings("unchecked")
        NamespaceStore asNamespaceStore() {
            return new NamespaceStore() {
                @Override
                public List<FunctionNamespace> load() {
                    return (List<FunctionNamespace>) loaded;
                }

                @Override
                public void save(List<FunctionNamespace> list) {
                    saved = (List<T>) List.copyOf(list);
                }
            };
        }
    }
}
