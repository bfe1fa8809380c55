package dev.faasjvm.runtime;

import dev.faasjvm.runtime.ProviderConfig.Setting;
import dev.faasjvm.runtime.cluster.ClusterConfig;
import dev.faasjvm.runtime.etcd.EtcdConfig;
import dev.faasjvm.runtime.etcd.StoreKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Reads the cluster settings ({@code --etcd} and the options beside it) into a
 * {@link ClusterConfig}, or none without {@code --etcd}; each problem is a {@link ConfigException}
 * naming the option. Stateless.
 */
final class ClusterSettings {
    private ClusterSettings() {
    }

    static ClusterConfig of(Map<Setting, String> values) {
        String endpoints = values.get(Setting.ETCD);
        if (endpoints.isBlank()) {
            return null;
        }
        Duration ttl = ProviderConfig.duration(Setting.NODE_TTL, values.get(Setting.NODE_TTL));
        try {
            EtcdConfig etcd = new EtcdConfig(EtcdConfig.parse(endpoints), values.get(Setting.ETCD_USER),
                    password(values.get(Setting.ETCD_PASSWORD_FILE)), path(values.get(Setting.ETCD_CA)),
                    path(values.get(Setting.ETCD_CERT)), path(values.get(Setting.ETCD_KEY)), Duration.ofSeconds(5));
            String advertise = values.get(Setting.ADVERTISE_URL);
            return new ClusterConfig(etcd, new StoreKeys(values.get(Setting.ETCD_PREFIX)),
                    nodeName(values.get(Setting.NODE_NAME)), advertise.isBlank() ? null : URI.create(advertise),
                    ttl);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Cluster settings (--etcd and beside it): " + e.getMessage());
        }
    }

    private static String password(String file) {
        if (file.isBlank()) {
            return "";
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new ConfigException(Setting.ETCD_PASSWORD_FILE.option + " \"" + file + "\" cannot be read: " + e);
        }
    }

    private static Path path(String value) {
        return value.isBlank() ? null : Path.of(value);
    }

    /** The given name, else the host name made into a valid node name. */
    private static String nodeName(String given) {
        if (!given.isBlank()) {
            return given;
        }
        try {
            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return host.isEmpty() ? "node" : host;
        } catch (IOException e) {
            return "node";
        }
    }
}
