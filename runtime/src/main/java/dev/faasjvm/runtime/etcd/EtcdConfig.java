package dev.faasjvm.runtime.etcd;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach etcd: its members' client URLs, and optionally a user and password (etcd's own
 * auth) and TLS files in PEM (the CA that signed the members' certificates; a client certificate
 * and its unencrypted PKCS#8 key for etcd's client-certificate auth). Immutable.
 *
 * @param endpoints the members' client URLs, e.g. {@code http://127.0.0.1:2379}; at least one
 * @param user etcd user, empty for none
 * @param password etcd password, empty for none
 * @param caFile PEM file of the CA to trust for {@code https} endpoints, or {@code null} for the JDK's
 * @param certFile PEM client certificate, or {@code null}
 * @param keyFile PEM PKCS#8 private key of the client certificate, or {@code null}
 * @param requestTimeout how long one request may take before etcd counts as unavailable
 */
public record EtcdConfig(List<URI> endpoints, String user, String password, Path caFile, Path certFile,
        Path keyFile, Duration requestTimeout) {

    public EtcdConfig {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd needs at least one endpoint");
        }
        for (URI endpoint : endpoints) {
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                    || endpoint.getHost() == null) {
                throw new IllegalArgumentException("etcd endpoint \"" + endpoint + "\" is not an http(s) URL"
                        + " such as http://127.0.0.1:2379");
            }
        }
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("An etcd client certificate needs its key, and a key its"
                    + " certificate: give both or neither");
        }
    }

    /** Endpoints from a comma-separated list, as {@code --etcd} takes them, without auth or TLS files. */
    public static EtcdConfig of(String endpoints) {
        return new EtcdConfig(parse(endpoints), "", "", null, null, null, Duration.ofSeconds(5));
    }

    /** Parses {@code http://h1:2379,http://h2:2379}. */
    public static List<URI> parse(String endpoints) {
        return java.util.Arrays.stream(endpoints.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s)).toList();
    }

    /** The endpoints as given, for messages. */
    public String describe() {
        return String.join(",", endpoints.stream().map(URI::toString).toList());
    }
}
