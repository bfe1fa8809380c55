package dev.faasjvm.runtime.secrets;

import dev.faasjvm.runtime.backend.ConflictException;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.backend.SecretRules;
import dev.faasjvm.runtime.backend.StateWriteException;
import dev.faasjvm.runtime.state.IoProblems;
import dev.faasjvm.runtime.state.SecretStore;
import dev.faasjvm.runtime.wire.Secret;
import dev.faasjvm.runtime.wire.SecretSummary;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The secrets of the JVM back-end, by namespace and name, kept in a {@link SecretStore}. Values
 * leave this class only as copies handed to the functions whose deployments list them; nothing
 * here returns a value to a client. Reads see an immutable snapshot; changes are serialised, saved
 * first and then published. Whether a namespace exists is its caller's concern. Thread-safe.
 */
public final class SecretVault {
    private final SecretStore store;
    private volatile Map<String, Map<String, byte[]>> byNamespace;

    private SecretVault(SecretStore store, Map<String, Map<String, byte[]>> byNamespace) {
        this.store = store;
        this.byNamespace = byNamespace;
    }

    /** A vault holding what {@code store} kept from earlier runs. */
    public static SecretVault load(SecretStore store) {
        Map<String, Map<String, byte[]>> loaded = new TreeMap<>();
        for (Secret secret : store.load()) {
            loaded.computeIfAbsent(secret.namespace(), ignored -> new TreeMap<>())
                    .put(secret.name(), secret.rawValue());
        }
        return new SecretVault(store, freeze(loaded));
    }

    /** The names of a namespace's secrets, in name order. */
    public List<SecretSummary> list(String namespace) {
        return names(namespace).stream().map(name -> new SecretSummary(name, namespace)).toList();
    }

    /** The names of a namespace's secrets, in name order. */
    public List<String> names(String namespace) {
        return List.copyOf(byNamespace.getOrDefault(namespace, Map.of()).keySet());
    }

    /** Stores a new secret; {@link ConflictException} if one of that name exists in its namespace. */
    public synchronized void create(Secret secret) {
        SecretRules.checkName(secret.name());
        if (contains(secret.namespace(), secret.name())) {
            throw new ConflictException("Secret \"" + secret.name() + "\" already exists in namespace \""
                    + secret.namespace() + "\"; change it with PUT /system/secrets");
        }
        publish(secret.namespace(), secret.name(), secret.effectiveValue());
    }

    /** Replaces a secret's value; {@link NotFoundException} if there is none. */
    public synchronized void update(Secret secret) {
        SecretRules.checkName(secret.name());
        existing(secret.namespace(), secret.name());
        publish(secret.namespace(), secret.name(), secret.effectiveValue());
    }

    /** Forgets a secret; {@link NotFoundException} if there is none. */
    public synchronized void delete(String name, String namespace) {
        SecretRules.checkName(name);
        existing(namespace, name);
        publish(namespace, name, null);
    }

    /**
     * Copies of the values of the named secrets, for a function whose deployment lists them.
     *
     * @throws InvalidRequestException naming the first secret that does not exist (a deploy answers 400)
     */
    public Map<String, byte[]> values(String namespace, List<String> names) {
        Map<String, byte[]> secrets = byNamespace.getOrDefault(namespace, Map.of());
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (String name : names) {
            byte[] value = secrets.get(name);
            if (value == null) {
                throw new InvalidRequestException("Unable to find secret: \"" + name + "\" in namespace \""
                        + namespace + "\"; create it with POST /system/secrets first");
            }
            values.put(name, value.clone());
        }
        return values;
    }

    private boolean contains(String namespace, String name) {
        return byNamespace.getOrDefault(namespace, Map.of()).containsKey(name);
    }

    private void existing(String namespace, String name) {
        if (!contains(namespace, name)) {
            throw new NotFoundException("Secret \"" + name + "\" not found in namespace \"" + namespace + "\"");
        }
    }

    /** Saves the new set, then makes it visible, so nothing unsaved is ever acknowledged. */
    private void publish(String namespace, String name, byte[] value) {
        Map<String, Map<String, byte[]>> next = new TreeMap<>();
        byNamespace.forEach((ns, secrets) -> next.put(ns, new TreeMap<>(secrets)));
        Map<String, byte[]> secrets = next.computeIfAbsent(namespace, ignored -> new TreeMap<>());
        if (value == null) {
            secrets.remove(name);
        } else {
            secrets.put(name, value);
        }
        next.values().removeIf(Map::isEmpty);
        List<Secret> all = new ArrayList<>();
        next.forEach((ns, values) -> values.forEach((key, bytes) -> all.add(new Secret(key, ns, "", bytes))));
        try {
            store.save(all);
        } catch (UncheckedIOException e) {
            throw new StateWriteException("Cannot " + (value == null ? "delete" : "save") + " secret \"" + name
                    + "\" in namespace \"" + namespace + "\": the secrets cannot be written ("
                    + IoProblems.describe(e) + "); nothing was changed", e);
        }
        byNamespace = freeze(next);
    }

    /** Immutable maps that keep name order (Map.copyOf would lose it). */
    private static Map<String, Map<String, byte[]>> freeze(Map<String, Map<String, byte[]>> map) {
        Map<String, Map<String, byte[]>> frozen = new TreeMap<>();
        map.forEach((ns, secrets) -> frozen.put(ns, java.util.Collections.unmodifiableMap(new TreeMap<>(secrets))));
        return java.util.Collections.unmodifiableMap(frozen);
    }
}
