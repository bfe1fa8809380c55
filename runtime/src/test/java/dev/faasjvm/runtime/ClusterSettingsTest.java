package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.cluster.ClusterConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ClusterSettingsTest {

    @Test
    void parse_withoutEtcd_isASingleNode() {
        ProviderConfig config = ProviderConfig.parse(List.of("--node-name", "n1"), Map.of());

        assertTrue(config.cluster().isEmpty(), "no --etcd: nothing changes");
    }

    @Test
    void parse_etcdFromEnvAndOptions_givesTheClusterConfig() {
        ProviderConfig config = ProviderConfig.parse(List.of("--advertise-url", "http://n1:8080",
                "--etcd-prefix", "/team-a"), Map.of("FAAS_JVM_ETCD", "http://h1:2379, http://h2:2379/",
                "FAAS_JVM_NODE_NAME", "n1"));

        ClusterConfig cluster = config.cluster().orElseThrow();
        assertEquals(List.of(URI.create("http://h1:2379"), URI.create("http://h2:2379")), cluster.etcd().endpoints());
        assertEquals("n1", cluster.nodeName());
        assertEquals(URI.create("http://n1:8080"), cluster.advertiseUrl());
        assertEquals("/team-a/", cluster.keys().prefix());
        assertEquals(Duration.ofSeconds(10), cluster.leaseTtl(), "the documented default lease");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--etcd, ftp://h1:2379, 'not an http(s) URL'",
        "--node-name, 'n 1', 'Node name \"n 1\"'",
        "--node-ttl, 1s, 'at least 2 s'",
        "--etcd-cert, /tmp/cert.pem, 'needs its key'",
        "--advertise-url, n1:8080, 'Advertise URL'"})
    void parse_badClusterSetting_namesIt(String option, String value, String message) {
        List<String> args = option.equals("--etcd") ? List.of(option, value)
                : List.of("--etcd", "http://127.0.0.1:2379", option, value);

        ConfigException refused = assertThrows(ConfigException.class, () -> ProviderConfig.parse(args, Map.of()));

        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }
}
