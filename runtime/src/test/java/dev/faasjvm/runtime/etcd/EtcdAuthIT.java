package dev.faasjvm.runtime.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.EtcdCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The etcd client against a real etcd whose auth is on: with the user's password, and without. */
final class EtcdAuthIT {

    @Test
    void authOn_clientWithPassword_readsAndWrites_clientWithout_isRefusedNamingWhy() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            EtcdClient admin = EtcdClient.create(config(etcd, "", ""));
            admin.call("/v3/auth/role/add", EtcdClient.json().createObjectNode().put("name", "root"));
            admin.call("/v3/auth/user/add", EtcdClient.json().createObjectNode().put("name", "root")
                    .put("password", "s3cret"));
            admin.call("/v3/auth/user/grant", EtcdClient.json().createObjectNode().put("user", "root")
                    .put("role", "root"));
            admin.call("/v3/auth/enable", EtcdClient.json().createObjectNode());

            EtcdClient root = EtcdClient.create(config(etcd, "root", "s3cret"));
            root.put("/faas-jvm/k", "v".getBytes(StandardCharsets.UTF_8));
            String read = new String(root.get("/faas-jvm/k").orElseThrow().value(), StandardCharsets.UTF_8);
            EtcdRequestException refused = assertThrows(EtcdRequestException.class,
                    () -> EtcdClient.create(config(etcd, "", "")).get("/faas-jvm/k"));

            assertEquals("v", read);
            assertTrue(refused.getMessage().contains("etcd user and password"), refused.getMessage());
        }
    }

    private static EtcdConfig config(EtcdCluster etcd, String user, String password) {
        return new EtcdConfig(List.of(etcd.endpoint(0)), user, password, null, null, null, Duration.ofSeconds(3));
    }
}
