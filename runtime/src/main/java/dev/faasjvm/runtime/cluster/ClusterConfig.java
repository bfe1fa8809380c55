package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.etcd.EtcdConfig;
import dev.faasjvm.runtime.etcd.StoreKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The cluster settings of one node: where etcd is and under which prefix this cluster keeps its
 * keys, the node's name and the URL its peers reach it at, and how long its membership lease lives
 * without renewal (how soon its replicas move to the others when it dies). Immutable.
 *
 * @param etcd how to reach etcd
 * @param keys the cluster's keys under its prefix
 * @param nodeName this node's name, unique in the cluster
 * @param advertiseUrl the base URL peers call this node at; {@code null} to use the bound address
 * @param leaseTtl the membership lease's time to live
 */
public record ClusterConfig(EtcdConfig etcd, StoreKeys keys, String nodeName, URI advertiseUrl, Duration leaseTtl) {
    public ClusterConfig {
        Objects.requireNonNull(etcd, "etcd");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        if (!nodeName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("Node name \"" + nodeName + "\" must be 1 to 63 letters, digits, dots,"
                    + " dashes or underscores, starting with a letter or digit");
        }
        if (leaseTtl.toSeconds() < 2) {
            throw new IllegalArgumentException("The node lease must live at least 2 s, not " + leaseTtl);
        }
        if (advertiseUrl != null && (advertiseUrl.getHost() == null || !advertiseUrl.getScheme().startsWith("http"))) {
            throw new IllegalArgumentException("Advertise URL \"" + advertiseUrl + "\" is not an http(s) URL such as"
                    + " http://n1:8080");
        }
    }
}
