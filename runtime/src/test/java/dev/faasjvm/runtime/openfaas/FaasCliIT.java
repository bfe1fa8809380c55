package dev.faasjvm.runtime.openfaas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real faas-cli 0.17.0 against faas-jvm directly, as the README tells users to drive it: every
 * command a user runs, checked on what faas-cli prints and on what faas-jvm then holds.
 */
@EnabledIfEnvironmentVariable(named = FaasCli.ENV, matches = ".+", disabledReason = "set " + FaasCli.ENV
        + " to a faas-cli binary to run these (.ci/run does when ../shared/tools/openfaas/ exists)")
final class FaasCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestServer server = TestServer.create();

    @TempDir
    Path work;

    private FaasCli cli;

    @BeforeEach
    void login() {
        cli = FaasCli.at(work.resolve("home"), server.uri("/").toString().replaceAll("/$", ""), List.of());

        FaasCli.Result login = cli.login(TestServer.CREDENTIALS.user(), TestServer.CREDENTIALS.password()).ok();

        assertTrue(login.out().contains("credentials saved for " + TestServer.CREDENTIALS.user()), login.toString());
    }

    @Test
    void deployWithFlags_thenListAndDescribe_showWhatWasDeployed() {
        FaasCli.Result deploy = cli.run("deploy", "--image", Samples.jar("inspect").toString(), "--name", "inspect",
                "--env", "greeting=hi", "--label", "team=a", "--annotation", "owner=me").ok();
        FaasCli.Result list = cli.run("list").ok();
        FaasCli.Result describe = cli.run("describe", "inspect").ok();

        assertTrue(deploy.out().contains("Deployed. 202 Accepted."), deploy.toString());
        JsonNode status = server.status("inspect");
        assertEquals("hi", status.path("envVars").path("greeting").asText(), status.toString());
        assertEquals("a", status.path("labels").path("team").asText(), status.toString());
        assertEquals("me", status.path("annotations").path("owner").asText(), status.toString());
        assertTrue(list.out().lines().anyMatch(line -> line.matches("inspect\\s+0\\s+1\\s*")), list.toString());
        assertTrue(describe.out().contains("Image:              " + Samples.jar("inspect")), describe.toString());
        assertTrue(describe.out().contains("Available Replicas: 1"), describe.toString());
        assertTrue(describe.out().contains(" greeting: hi"), describe.toString());
    }

    /**
     * faas-cli appends {@code :latest} to every image of a stack file; faas-jvm takes such a tag on a
     * JAR's path as the path itself.
     */
    @Test
    void deployWithAStackFile_deploysEveryFunctionWithItsSettings() throws Exception {
        Path stack = Files.writeString(work.resolve("stack.yml"), String.join("\n",
                "version: 1.0",
                "provider:",
                "  name: openfaas",
                "  gateway: " + cli.gateway(),
                "functions:",
                "  wc:",
                "    image: " + Samples.jar("wordcount"),
                "    environment:",
                "      mode: stack",
                "    labels:",
                "      com.openfaas.scale.min: \"2\"",
                "  greeter:",
                "    image: " + Samples.jar("echo"),
                ""));

        FaasCli.Result deploy = cli.run("deploy", "-f", stack.toString()).ok();

        assertTrue(deploy.out().contains("Deploying: wc."), deploy.toString());
        assertTrue(deploy.out().contains("Deploying: greeter."), deploy.toString());
        assertEquals("stack", server.status("wc").path("envVars").path("mode").asText());
        assertEquals(2, server.availableReplicas("wc"));
        assertEquals("{\"words\":2,\"characters\":9}",
                cli.input("{\"text\":\"via stack\"}", "invoke", "wc").ok().out().trim());
        assertEquals("hello", cli.input("hello", "invoke", "greeter").ok().out());
    }

    @Test
    void invoke_passesBodyHeadersQueryAndMethod() throws Exception {
        cli.run("deploy", "--image", Samples.jar("inspect").toString(), "--name", "inspect").ok();

        FaasCli.Result invoke = cli.input("hello", "invoke", "inspect", "--header", "X-Trace=abc", "--query", "q=2",
                "--method", "PUT").ok();

        JsonNode seen = JSON.readTree(invoke.out());
        assertEquals("PUT", seen.path("method").asText(), invoke.toString());
        assertEquals("abc", seen.path("headers").path("X-Trace").path(0).asText(), invoke.toString());
        assertEquals("2", seen.path("query").path("q").path(0).asText(), invoke.toString());
        assertEquals(5, seen.path("bodyLength").asInt(), invoke.toString());
    }

    @Test
    void logs_showWhatTheFunctionPrinted() {
        cli.run("deploy", "--image", Samples.jar("printer").toString(), "--name", "printer").ok();
        assertEquals(200, server.get("/function/printer?text=from-the-function").statusCode());

        FaasCli.Result logs = cli.run("logs", "printer", "--tail=false").ok();

        assertTrue(logs.out().lines().anyMatch(line -> line.endsWith(" from-the-function 1")), logs.toString());
    }

    @Test
    void secrets_createListUpdateAndRemove_andAFunctionReadsOne() {
        FaasCli.Result created = cli.run("secret", "create", "api-key", "--from-literal", "s3cr3t").ok();
        cli.run("deploy", "--image", Samples.jar("secret").toString(), "--name", "reader", "--secret", "api-key").ok();
        String read = cli.input("", "invoke", "reader", "--query", "name=api-key", "--method", "GET").ok().out();
        FaasCli.Result list = cli.run("secret", "list").ok();
        FaasCli.Result updated = cli.run("secret", "update", "api-key", "--from-literal", "n3w").ok();
        cli.run("remove", "reader").ok();
        FaasCli.Result removed = cli.run("secret", "remove", "api-key").ok();
        FaasCli.Result empty = cli.run("secret", "list").ok();

        assertTrue(created.out().contains("Created: 201 Created"), created.toString());
        assertEquals("s3cr3t", read);
        assertTrue(list.out().lines().anyMatch(line -> line.equals("api-key")), list.toString());
        assertTrue(updated.out().contains("Updated: 202 Accepted"), updated.toString());
        assertTrue(removed.out().contains("Removed.. OK."), removed.toString());
        assertTrue(empty.out().contains("No secrets found."), empty.toString());
        assertEquals("[]", server.get("/system/secrets").body());
    }

    @Test
    void namespaces_createGetUpdateListAndRemove() {
        FaasCli.Result created = cli.run("namespace", "create", "team-a").ok();
        FaasCli.Result updated = cli.run("namespace", "update", "team-a", "--label", "owner=me").ok();
        FaasCli.Result got = cli.run("namespace", "get", "team-a").ok();
        FaasCli.Result listed = cli.run("namespace", "list").ok();
        String onTheServer = server.get("/system/namespace/team-a").body();
        FaasCli.Result removed = cli.run("namespace", "remove", "team-a").ok();
        FaasCli.Result after = cli.run("namespace", "list").ok();

        assertTrue(created.out().contains("Namespace Created: team-a"), created.toString());
        assertTrue(updated.out().contains("Namespace Updated: team-a"), updated.toString());
        assertTrue(got.out().contains(" owner: me"), got.toString());
        assertTrue(onTheServer.contains("\"owner\":\"me\""), onTheServer);
        assertEquals(List.of("Namespaces:", " - openfaas-fn", " - team-a"), listed.out().lines().toList());
        assertTrue(removed.out().contains("Namespace Removed: team-a"), removed.toString());
        assertEquals(List.of("Namespaces:", " - openfaas-fn"), after.out().lines().toList());
        assertEquals(404, server.get("/system/namespace/team-a").statusCode());
    }

    @Test
    void remove_deletesTheFunction() {
        cli.run("deploy", "--image", Samples.jar("echo").toString(), "--name", "echo").ok();

        FaasCli.Result removed = cli.run("remove", "echo").ok();
        FaasCli.Result list = cli.run("list").ok();

        assertTrue(removed.out().contains("Removing old function."), removed.toString());
        assertFalse(list.out().contains("echo"), list.toString());
        assertEquals(404, server.get("/system/function/echo").statusCode());
    }
}
