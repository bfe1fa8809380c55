package dev.faasjvm.runtime.namespaces;

import dev.faasjvm.runtime.backend.ConflictException;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.NamespaceRules;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.backend.StateWriteException;
import dev.faasjvm.runtime.state.IoProblems;
import dev.faasjvm.runtime.state.NamespaceStore;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The namespaces functions and secrets may live in: the default one, which always exists and
 * cannot be changed, plus those clients created, kept in a {@link NamespaceStore}. Reads are a
 * lookup in an immutable map (they sit on the status route, the gateway's hot path); changes are
 * serialised, saved first and then published. Whether a namespace is empty is its caller's
 * concern. Thread-safe.
 */
public final class NamespaceRegistry {
    private static final String DEFAULT = ProviderBackend.DEFAULT_NAMESPACE;

    private final NamespaceStore store;
    private volatile Map<String, FunctionNamespace> created;

    private NamespaceRegistry(NamespaceStore store, Map<String, FunctionNamespace> created) {
        this.store = store;
        this.created = created;
    }

    /** A registry holding what {@code store} kept from earlier runs. */
    public static NamespaceRegistry load(NamespaceStore store) {
        Map<String, FunctionNamespace> created = new TreeMap<>();
        for (FunctionNamespace namespace : store.load()) {
            created.put(namespace.name(), namespace);
        }
        created.remove(DEFAULT);
        return new NamespaceRegistry(store, Map.copyOf(created));
    }

    /** Whether functions and secrets may live in {@code name}. */
    public boolean exists(String name) {
        return DEFAULT.equals(name) || created.containsKey(name);
    }

    /** Throws {@link InvalidRequestException} (400, as faasd answers) unless {@code name} exists. */
    public void check(String name) {
        if (!exists(name)) {
            throw new InvalidRequestException("Namespace \"" + name + "\" does not exist; the namespaces are "
                    + names() + " (create one with POST /system/namespace/)");
        }
    }

    /** Every namespace's name: the default first, then the created ones in name order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT);
        names.addAll(new TreeMap<>(created).keySet());
        return List.copyOf(names);
    }

    /** One namespace; the default one carries the label {@code openfaas=1}. */
    public Optional<FunctionNamespace> get(String name) {
        if (DEFAULT.equals(name)) {
            return Optional.of(new FunctionNamespace(DEFAULT, Map.of(NamespaceRules.OPENFAAS_LABEL, "1"), Map.of()));
        }
        return Optional.ofNullable(created.get(name));
    }

    /** Creates a namespace; {@link ConflictException} if one of that name exists. */
    public synchronized void create(FunctionNamespace namespace) {
        NamespaceRules.check(namespace);
        if (exists(namespace.name())) {
            throw new ConflictException("Namespace \"" + namespace.name() + "\" already exists");
        }
        publish(namespace.name(), namespace);
    }

    /** Replaces a created namespace's labels and annotations. */
    public synchronized void update(FunctionNamespace namespace) {
        NamespaceRules.check(namespace);
        refuseDefault(namespace.name(), "changed");
        existing(namespace.name());
        publish(namespace.name(), namespace);
    }

    /** Forgets a created namespace; the caller has made sure nothing lives in it. */
    public synchronized void delete(String name) {
        refuseDefault(name, "deleted");
        existing(name);
        publish(name, null);
    }

    private void existing(String name) {
        if (!created.containsKey(name)) {
            throw new NotFoundException("Namespace \"" + name + "\" not found");
        }
    }

    private static void refuseDefault(String name, String what) {
        if (DEFAULT.equals(name)) {
            throw new InvalidRequestException("The default namespace \"" + DEFAULT + "\" cannot be " + what);
        }
    }

    /** Saves the new set, then makes it visible, so nothing unsaved is ever acknowledged. */
    private void publish(String name, FunctionNamespace namespace) {
        Map<String, FunctionNamespace> next = new TreeMap<>(created);
        if (namespace == null) {
            next.remove(name);
        } else {
            next.put(name, namespace);
        }
        try {
            store.save(List.copyOf(next.values()));
        } catch (UncheckedIOException e) {
            throw new StateWriteException("Cannot " + (namespace == null ? "delete" : "save") + " namespace \""
                    + name + "\": the namespaces cannot be written (" + IoProblems.describe(e)
                    + "); nothing was changed", e);
        }
        created = Map.copyOf(next);
    }
}
