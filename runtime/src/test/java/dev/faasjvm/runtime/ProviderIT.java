package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.junit.DeployJar;
import dev.faasjvm.runtime.junit.FaasJvmTest;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.testing.Threads;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedding API with real function JARs: deployed by path, by URL and by annotation. */
@FaasJvmTest
final class ProviderIT {

    @Test
    void deployJarByPath_invokeWithoutHttp_answersFromTheJar(Provider faas) {
        faas.deploy("echo", Samples.jar("echo"));

        assertEquals("from a JAR", faas.invoke("echo", "from a JAR").bodyAsString());
    }

    @Test
    void deployJarByUrlWithSpec_usesTheSpec(Provider faas) {
        faas.deploy(FunctionDeployment.of("two", Samples.jar("twohandlers").toUri().toString())
                .withEnvProcess("dev.faasjvm.samples.twohandlers.Second"));

        assertEquals("second:x", faas.invoke("two", "x").bodyAsString());
    }

    @Test
    void deployJar_broken_throwsInvalidRequestAndDeploysNothing(Provider faas) {
        assertThrows(InvalidRequestException.class, () -> faas.deploy("broken", Samples.jar("broken")));

        assertEquals(List.of(), faas.backend().list("openfaas-fn"));
    }

    @Test
    @DeployJar(name = "wordcount", path = "${faasjvm.samples.dir}/wordcount.jar")
    void deployJarAnnotation_deploysBeforeTheTest(Provider faas) {
        assertEquals("{\"words\":3,\"characters\":7}",
                faas.invoke("wordcount", "{\"text\":\"a bcd e\"}").bodyAsString());
    }

    @Test
    void close_releasesJarFunctionsAndTheirThreads() throws Exception {
        Provider faas = Provider.create(ProviderConfig.builder().host("127.0.0.1").port(0).inMemoryState().build())
                .start();
        faas.deploy("echo", Samples.jar("echo"));
        faas.deploy("sleep", Samples.jar("sleep"));
        faas.invoke("echo", "warm");
        faas.invoke("sleep", "warm");

        faas.close();

        assertAll(
                () -> assertEquals(List.of(), Threads.named("fn-echo-")),
                () -> assertEquals(List.of(), Threads.named("fn-sleep-")),
                () -> assertEquals(List.of(), faas.backend().list("openfaas-fn")));
    }
}
