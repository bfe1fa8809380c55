package dev.faasjvm.runtime.openfaas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.ForkedRuntime;
import dev.faasjvm.runtime.testing.Samples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenFaaS gateway (0.27.0-4679f278) in front of faas-jvm, driven by the real faas-cli, as
 * OpenFaaS users run it: all three, and a stand-in for Prometheus, in a private network namespace
 * (the gateway's ports 8080 and 8082 are fixed), sharing one pair of basic-auth secret files.
 * Checked on what faas-cli and the gateway answer and on what faas-jvm then holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = FaasCli.ENV, matches = ".+", disabledReason = "set " + FaasCli.ENV
        + " and " + GatewayIT.ENV + " to run these (.ci/run does when ../shared/tools/openfaas/ exists)")
@EnabledIfEnvironmentVariable(named = GatewayIT.ENV, matches = ".+", disabledReason = "set " + FaasCli.ENV
        + " and " + GatewayIT.ENV + " to run these (.ci/run does when ../shared/tools/openfaas/ exists)")
final class GatewayIT {
    /** The gateway binary; its UI assets are the folder {@code gateway-assets} beside it. */
    static final String ENV = "OPENFAAS_GATEWAY";
    private static final String GATEWAY = "http://127.0.0.1:8080";
    private static final String USER = "admin";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Static: the one set-up of the class runs before any instance field is injected. */
    @TempDir
    static Path work;

    private final String password = UUID.randomUUID().toString();
    private final List<Process> processes = new ArrayList<>();
    private NetworkNamespace namespace;
    private ForkedRuntime runtime;
    private FaasCli cli;

    @BeforeAll
    void startTheGatewayInFrontOfFaasJvm() throws Exception {
        namespace = NetworkNamespace.create(work);
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        Files.writeString(secrets.resolve("basic-auth-user"), USER);
        Files.writeString(secrets.resolve("basic-auth-password"), password);

        runtime = ForkedRuntime.startWith(namespace.prefix(), work.resolve("state"), work.resolve("faas-jvm.log"),
                "--secret-mount-path", secrets + "/");
        startPrometheusStub();
        startGateway(secrets);
        cli = FaasCli.at(work.resolve("home"), GATEWAY, namespace.prefix());
        cli.run("ready", "--interval", "100ms", "--attempts", "300").ok();
        cli.login(USER, password).ok();
    }

    private void startPrometheusStub() throws IOException {
        List<String> command = new ArrayList<>(namespace.prefix());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                PrometheusStub.class.getName()));
        Process stub = start(new ProcessBuilder(command).redirectError(work.resolve("prometheus-stub.log").toFile()));
        String first = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (first == null || !first.startsWith("prometheus stub listening")) {
            throw new IllegalStateException("The Prometheus stand-in did not start: "
                    + Files.readString(work.resolve("prometheus-stub.log")));
        }
    }

    private void startGateway(Path secrets) throws IOException {
        Path gateway = Path.of(System.getenv(ENV));
        Path dir = Files.createDirectories(work.resolve("gateway"));
        Files.createSymbolicLink(dir.resolve("assets"), gateway.resolveSibling("gateway-assets"));
        List<String> command = new ArrayList<>(namespace.prefix());
        command.add(gateway.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("gateway.log").toFile());
        builder.environment().putAll(Map.of(
                "functions_provider_url", "http://127.0.0.1:" + runtime.port() + "/",
                "basic_auth", "true",
                "secret_mount_path", secrets + "/",
                "scale_from_zero", "true",
                "read_timeout", "30s",
                "write_timeout", "30s",
                "upstream_timeout", "25s",
                "faas_prometheus_host", "127.0.0.1",
                "faas_prometheus_port", Integer.toString(PrometheusStub.PORT)));
        start(builder);
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            for (Process process : processes) {
                ForkedRuntime.killAndWait(process);
            }
            if (runtime != null) {
                runtime.kill();
            }
        } finally {
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    @Test
    void faasCli_throughTheGateway_deploysListsDescribesInvokesReadsLogsAndRemoves() throws Exception {
        FaasCli.Result deploy = cli.run("deploy", "--image", Samples.jar("printer").toString(), "--name", "printer",
                "--env", "greeting=hi").ok();
        FaasCli.Result list = cli.run("list").ok();
        FaasCli.Result describe = cli.run("describe", "printer").ok();
        FaasCli.Result invoke = cli.input("", "invoke", "printer", "--query", "text=via-gateway", "--method", "GET")
                .ok();
        JsonNode status = faasJvm("/system/function/printer");
        Awaits.atMost(WAIT).until(() -> cli.run("logs", "printer", "--tail=false").ok().out().contains("via-gateway 1"));
        FaasCli.Result removed = cli.run("remove", "printer").ok();

        assertTrue(deploy.out().contains("Deployed. 202 Accepted."), deploy.toString());
        assertTrue(list.out().lines().anyMatch(line -> line.matches("printer\\s+\\d+\\s+1\\s*")), list.toString());
        assertTrue(describe.out().contains("Image:              " + Samples.jar("printer")), describe.toString());
        assertTrue(describe.out().contains(" greeting: hi"), describe.toString());
        assertEquals("printed 1", invoke.out().trim(), invoke.toString());
        assertEquals("hi", status.path("envVars").path("greeting").asText(), status.toString());
        assertTrue(removed.out().contains("Removing old function."), removed.toString());
        assertEquals("404", curl("-o", "/dev/null", "-w", "%{http_code}", "-u", USER + ":" + password,
                faasJvmUrl("/system/function/printer")));
    }

    @Test
    void secretsAndNamespaces_throughTheGateway() throws Exception {
        cli.run("secret", "create", "gw-key", "--from-literal", "s3cr3t").ok();
        FaasCli.Result secrets = cli.run("secret", "list").ok();
        cli.run("deploy", "--image", Samples.jar("secret").toString(), "--name", "gw-reader", "--secret", "gw-key")
                .ok();
        String read = cli.input("", "invoke", "gw-reader", "--query", "name=gw-key", "--method", "GET").ok().out();
        cli.run("remove", "gw-reader").ok();
        cli.run("secret", "remove", "gw-key").ok();
        cli.run("namespace", "create", "gw-team").ok();
        FaasCli.Result namespaces = cli.run("namespace", "list").ok();
        JsonNode onFaasJvm = faasJvm("/system/namespaces");
        cli.run("namespace", "remove", "gw-team").ok();

        assertTrue(secrets.out().lines().anyMatch(line -> line.equals("gw-key")), secrets.toString());
        assertEquals("s3cr3t", read);
        assertEquals("[]", faasJvm("/system/secrets").toString());
        assertTrue(namespaces.out().contains(" - gw-team"), namespaces.toString());
        assertTrue(onFaasJvm.toString().contains("\"gw-team\""), onFaasJvm.toString());
        assertFalse(faasJvm("/system/namespaces").toString().contains("\"gw-team\""));
    }

    @Test
    void callAtZeroReplicas_throughTheGateway_scalesFaasJvmFromZeroAndIsAnswered() throws Exception {
        cli.run("deploy", "--image", Samples.jar("echo").toString(), "--name", "sleepy").ok();
        curl("-u", USER + ":" + password, "-d", "{\"serviceName\":\"sleepy\",\"replicas\":0}",
                faasJvmUrl("/system/scale-function/sleepy"));
        Awaits.atMost(WAIT).until(() -> faasJvm("/system/function/sleepy").path("availableReplicas").asInt(0) == 0);

        FaasCli.Result invoke = cli.input("woken", "invoke", "sleepy").ok();

        assertEquals("woken", invoke.out(), invoke.toString());
        JsonNode status = faasJvm("/system/function/sleepy");
        assertEquals(1, status.path("replicas").asInt(0), status.toString());
        assertEquals(1, status.path("availableReplicas").asInt(0), status.toString());
    }

    @Test
    void systemInfo_throughTheGateway_namesFaasJvmAsTheProvider() throws Exception {
        JsonNode info = JSON.readTree(curl("-u", USER + ":" + password, GATEWAY + "/system/info"));
        FaasCli.Result version = cli.run("version", "--warn-update=false").ok();

        assertEquals("faas-jvm", info.path("provider").path("provider").asText(), info.toString());
        assertEquals("jvm", info.path("provider").path("orchestration").asText(), info.toString());
        assertTrue(version.out().contains("name:          faas-jvm"), version.toString());
    }

    private String faasJvmUrl(String path) {
        return "http://127.0.0.1:" + runtime.port() + path;
    }

    /** A GET of faas-jvm's own API (not through the gateway), as JSON. */
    private JsonNode faasJvm(String path) throws Exception {
        return JSON.readTree(curl("-u", USER + ":" + password, faasJvmUrl(path)));
    }

    /** curl inside the namespace; fails on a connection error, not on an HTTP status. */
    private String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(namespace.prefix());
        command.addAll(List.of("curl", "-sS", "--max-time", "30"));
        command.addAll(List.of(args));
        return NetworkNamespace.run(command);
    }
}
