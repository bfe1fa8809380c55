package dev.faasjvm.runtime.junit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.Greeter;
import dev.faasjvm.runtime.testing.Threads;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The extension as its users meet it: each fixture below is a test class that uses it, run here
 * through the JUnit launcher, and what it saw and left behind is checked afterwards. (Surefire
 * does not run nested classes on their own.)
 */
final class FaasJvmExtensionTest {
    /** The runtimes the fixtures saw, in order. */
    static final List<Provider> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetWhatWasSeen() {
        SEEN.clear();
    }

    @Test
    void perTest_startsAFreshRuntimeForEachTestAndClosesIt() {
        TestExecutionSummary summary = run(PerTest.class);

        assertAll(
                () -> assertEquals(2, summary.getTestsSucceededCount(), () -> failures(summary)),
                () -> assertEquals(2, SEEN.size()),
                () -> assertNotSame(SEEN.get(0), SEEN.get(1), "one runtime per test"),
                () -> SEEN.forEach(FaasJvmExtensionTest::assertClosed));
    }

    @Test
    void perClass_sharesOneRuntimeAcrossTheClassAndDeletesItsStateDir() {
        TestExecutionSummary summary = run(PerClass.class);

        Path stateDir = SEEN.get(0).config().state().orElseThrow();
        assertAll(
                () -> assertEquals(2, summary.getTestsSucceededCount(), () -> failures(summary)),
                () -> assertEquals(3, SEEN.size(), "@BeforeAll and both tests"),
                () -> assertSame(SEEN.get(0), SEEN.get(1)),
                () -> assertSame(SEEN.get(1), SEEN.get(2)),
                () -> assertFalse(Files.exists(stateDir), "the temporary state folder is deleted"),
                () -> assertClosed(SEEN.get(0)));
    }

    @Test
    void registeredOnStaticField_isPerClassWithItsSettings() {
        TestExecutionSummary summary = run(StaticField.class);

        assertAll(
                () -> assertEquals(2, summary.getTestsSucceededCount(), () -> failures(summary)),
                () -> assertSame(SEEN.get(0), SEEN.get(1)),
                () -> assertEquals(3, SEEN.get(0).config().maxInflight()),
                () -> assertClosed(SEEN.get(0)));
    }

    @Test
    void registeredOnInstanceField_isPerTest() {
        TestExecutionSummary summary = run(InstanceField.class);

        assertAll(
                () -> assertEquals(2, summary.getTestsSucceededCount(), () -> failures(summary)),
                () -> assertNotSame(SEEN.get(0), SEEN.get(1)),
                () -> SEEN.forEach(FaasJvmExtensionTest::assertClosed));
    }

    @Test
    void injectProvider_onAFieldOfAnotherType_failsTheTestNamingTheField() {
        TestExecutionSummary summary = run(BadField.class);

        assertEquals(1, summary.getTestsFailedCount());
        String message = summary.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("notAProvider"), message);
    }

    @Test
    void deployClass_notAHandler_failsTheTestAndLeavesNothingRunning() {
        TestExecutionSummary summary = run(BadDeployment.class);

        assertEquals(1, summary.getTestsFailedCount());
        assertTrue(summary.getFailures().get(0).getException().getMessage().contains("java.lang.String"));
        assertEquals(List.of(), Threads.named("fn-"));
        Awaits.atMost(Duration.ofSeconds(10)).until(() -> Threads.named("faas-jvm-http").isEmpty());
    }

    @Test
    void methodDeployment_withAStaticExtensionField_failsNamingTheFieldToChange() {
        String message = onlyFailure(StaticFieldWithMethodDeployment.class);

        assertTrue(message.contains("on test method deploysHere") && message.contains("make the @RegisterExtension"
                + " field an instance field, not static"), message);
    }

    @Test
    void methodDeployment_withAPerClassAnnotation_failsNamingTheLifecycleToDrop() {
        String message = onlyFailure(PerClassWithMethodDeployment.class);

        assertTrue(message.contains("drop lifecycle = PER_CLASS from @FaasJvmTest"), message);
    }

    /** Runs a fixture whose one test must fail, and returns the failure's message. */
    private static String onlyFailure(Class<?> fixture) {
        TestExecutionSummary summary = run(fixture);
        assertEquals(1, summary.getTestsFailedCount(), () -> failures(summary));
        return summary.getFailures().get(0).getException().getMessage();
    }

    private static void assertClosed(Provider provider) {
        assertEquals(List.of(), Threads.named("fn-"), "no replica thread outlives its runtime");
        Awaits.atMost(Duration.ofSeconds(10)).until(() -> Threads.named("faas-jvm-http").isEmpty());
        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(provider.uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static TestExecutionSummary run(Class<?> fixture) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(fixture)).build(), listener);
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        StringBuilder text = new StringBuilder();
        summary.getFailures().forEach(failure -> text.append(failure.getTestIdentifier().getDisplayName())
                .append(": ").append(failure.getException()).append('\n'));
        return text.toString();
    }

    @FaasJvmTest
    @DeployClass(name = "greeter", value = Greeter.class)
    static final class PerTest {
        @InjectProvider
        Provider field;

        @Test
        @DeployClass(name = "only-here", value = Greeter.class)
        void first(Provider faas) {
            SEEN.add(faas);
            assertSame(faas, field);
            assertEquals("Hello, one!", faas.invoke("greeter", "one").bodyAsString());
            assertEquals("Hello, here!", faas.invoke("only-here", "here").bodyAsString());
        }

        @Test
        void second(Provider faas) {
            SEEN.add(faas);
            assertEquals("Hello, two!", faas.invoke("greeter", "two").bodyAsString());
            assertThrows(FunctionNotFoundException.class, () -> faas.invoke("only-here", "x"),
                    "a method's deployment belongs to that test");
        }
    }

    @FaasJvmTest(lifecycle = FaasJvmTest.Lifecycle.PER_CLASS, tempStateDir = true)
    @DeployClass(name = "greeter", value = Greeter.class)
    static final class PerClass {
        @InjectProvider
        static Provider shared;

        @BeforeAll
        static void seeIt(Provider faas) {
            SEEN.add(faas);
            assertSame(faas, shared);
        }

        @Test
        void first(Provider faas) {
            SEEN.add(faas);
            assertEquals("Hello, one!", faas.invoke("greeter", "one").bodyAsString());
        }

        @Test
        void second(Provider faas) {
            SEEN.add(faas);
            assertTrue(Files.isDirectory(faas.config().state().orElseThrow()));
        }
    }

    static final class StaticField {
        @RegisterExtension
        static final FaasJvmExtension FAAS = FaasJvmExtension.create(config -> config.set("FAAS_JVM_MAX_INFLIGHT", "3"));

        @Test
        void first() {
            SEEN.add(FAAS.provider());
        }

        @Test
        void second(Provider faas) {
            SEEN.add(faas);
            assertSame(FAAS.provider(), faas);
        }
    }

    static final class InstanceField {
        @RegisterExtension
        final FaasJvmExtension faas = FaasJvmExtension.create();

        @Test
        void first() {
            SEEN.add(faas.provider());
        }

        @Test
        void second() {
            SEEN.add(faas.provider());
        }
    }

    static final class StaticFieldWithMethodDeployment {
        @RegisterExtension
        static final FaasJvmExtension FAAS = FaasJvmExtension.create();

        @Test
        @DeployClass(name = "greeter", value = Greeter.class)
        void deploysHere() {
            SEEN.add(FAAS.provider());
        }
    }

    @FaasJvmTest(lifecycle = FaasJvmTest.Lifecycle.PER_CLASS)
    static final class PerClassWithMethodDeployment {
        @Test
        @DeployClass(name = "greeter", value = Greeter.class)
        void deploysHere(Provider faas) {
            SEEN.add(faas);
        }
    }

    @FaasJvmTest
    static final class BadField {
        @InjectProvider
        String notAProvider;

        @Test
        void test() {
            SEEN.add(null);
        }
    }

    @FaasJvmTest
    @DeployClass(name = "string", value = String.class)
    static final class BadDeployment {
        @Test
        void test() {
            SEEN.add(null);
        }
    }
}
