package dev.faasjvm.runtime.accounting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link FunctionAccount} of every function of one runtime, by name and namespace. An account
 * is made when a function's first replica or class loader needs it, and dropped when the function
 * is deleted, so a function deployed again under its name starts from zero. Thread-safe.
 */
public final class FunctionAccounts {
    private final ConcurrentHashMap<String, FunctionAccount> accounts = new ConcurrentHashMap<>();

    /** The account of a function, made now if it has none. */
    public FunctionAccount of(String name, String namespace) {
        return accounts.computeIfAbsent(key(name, namespace),
                ignored -> new FunctionAccount(name, namespace, System.nanoTime()));
    }

    /** The account of a function, or {@code null} if it has none. */
    public FunctionAccount find(String name, String namespace) {
        return accounts.get(key(name, namespace));
    }

    public void forget(String name, String namespace) {
        accounts.remove(key(name, namespace));
    }

    /** Every account now, for a metrics scrape. */
    public List<FunctionAccount> all() {
        return new ArrayList<>(accounts.values());
    }

    private static String key(String name, String namespace) {
        return name + "." + namespace;
    }
}
