package dev.faasjvm.runtime.etcd;

/**
 * The layout of one faas-jvm cluster's keys under its prefix (default {@code /faas-jvm/}), so that
 * several clusters can share one etcd. Immutable.
 *
 * <pre>
 * {prefix}functions/{namespace}/{name}   one deployment (JSON)
 * {prefix}secrets                         every secret (JSON array, values in base64)
 * {prefix}namespaces                      every created namespace (JSON array)
 * {prefix}nodes/{node}                    a live node, under its lease
 * {prefix}held/{node}                     the functions a live node has loaded, with their available
 *                                         replicas (JSON object), under the same lease
 * {prefix}node-token                      the shared secret of node-to-node calls
 * {prefix}folders/{node}                  the JARs a node's functions folder provides (JSON)
 * </pre>
 *
 * @param prefix the prefix, ending with {@code /}
 */
public record StoreKeys(String prefix) {
    public static final String DEFAULT_PREFIX = "/faas-jvm/";

    public StoreKeys {
        if (prefix == null || prefix.isBlank()) {
            prefix = DEFAULT_PREFIX;
        }
        if (!prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }

    public String functions() {
        return prefix + "functions/";
    }

    public String function(String name, String namespace) {
        return functions() + namespace + "/" + name;
    }

    public String secrets() {
        return prefix + "secrets";
    }

    public String namespaces() {
        return prefix + "namespaces";
    }

    public String nodes() {
        return prefix + "nodes/";
    }

    public String node(String name) {
        return nodes() + name;
    }

    public String held() {
        return prefix + "held/";
    }

    public String held(String node) {
        return held() + node;
    }

    public String nodeToken() {
        return prefix + "node-token";
    }

    public String folders() {
        return prefix + "folders/";
    }

    public String folder(String node) {
        return folders() + node;
    }
}
