package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dependency rules of STYLE.md and DESIGN.md's seam, checked on the compiled classes: a rule
 * {@code package -> forbidden prefix} fails listing every class that breaks it.
 */
final class ArchitectureTest {
    private static final String ROOT = "dev.faasjvm.runtime";
    /** One scan for every rule: a scan takes a fraction of a second, and there are dozens of rules. */
    private static ScanResult scan;

    @BeforeAll
    static void scanTheRuntimesClasses() {
        scan = new ClassGraph().acceptPackages(ROOT).enableInterClassDependencies().enableExternalClasses().scan();
    }

    @AfterAll
    static void closeTheScan() {
        scan.close();
    }

    @ParameterizedTest(name = "{0} must not depend on {1}")
    @CsvSource({
        // loading code knows neither HTTP nor JSON
        "dev.faasjvm.runtime.loader, org.eclipse.jetty",
        // etcd is a store: it knows the state records and Jackson, nothing of HTTP serving or the registry
        "dev.faasjvm.runtime.etcd, org.eclipse.jetty",
        "dev.faasjvm.runtime.etcd, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.etcd, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.etcd, dev.faasjvm.runtime.cluster",
        // the cluster drives the local registry through the seam only
        "dev.faasjvm.runtime.cluster, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.cluster, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.cluster, dev.faasjvm.runtime.loader",
        "dev.faasjvm.runtime.loader, com.fasterxml",
        "dev.faasjvm.runtime.loader, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.loader, dev.faasjvm.runtime.registry",
        // fetching artifacts and unloading functions sit below the loader, and know nothing above it
        "dev.faasjvm.runtime.artifact, org.eclipse.jetty",
        "dev.faasjvm.runtime.artifact, com.fasterxml",
        "dev.faasjvm.runtime.artifact, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.artifact, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.artifact, dev.faasjvm.runtime.loader",
        "dev.faasjvm.runtime.unload, org.eclipse.jetty",
        "dev.faasjvm.runtime.unload, com.fasterxml",
        "dev.faasjvm.runtime.unload, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.unload, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.unload, dev.faasjvm.runtime.loader",
        "dev.faasjvm.runtime.unload, dev.faasjvm.runtime.artifact",
        // the JVM back-end knows nothing of HTTP
        "dev.faasjvm.runtime.registry, org.eclipse.jetty",
        // the platform adapters (issue 14) turn a FunctionRequest into another platform's call, below the registry
        "dev.faasjvm.runtime.platform, org.eclipse.jetty",
        "dev.faasjvm.runtime.platform, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.platform, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.registry, dev.faasjvm.runtime.http",
        // the HTTP layer knows the seam, not the JVM back-end
        "dev.faasjvm.runtime.http, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.http, dev.faasjvm.runtime.loader",
        "dev.faasjvm.runtime.http, dev.faasjvm.runtime.binding",
        // the seam and the wire records stay free of both sides
        "dev.faasjvm.runtime.backend, org.eclipse.jetty",
        "dev.faasjvm.runtime.backend, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.backend, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.wire, org.eclipse.jetty",
        "dev.faasjvm.runtime.wire, dev.faasjvm.runtime.backend",
        "dev.faasjvm.runtime.wire, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.state, org.eclipse.jetty",
        "dev.faasjvm.runtime.state, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.state, dev.faasjvm.runtime.registry",
        // metrics know the Prometheus client and the seam's records, not Jetty or the JVM back-end
        "dev.faasjvm.runtime.metrics, org.eclipse.jetty",
        "dev.faasjvm.runtime.metrics, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.metrics, dev.faasjvm.runtime.registry",
        // JUnit is optional: only the extension's package may use it
        "dev.faasjvm.runtime.backend, org.junit",
        "dev.faasjvm.runtime.binding, org.junit",
        "dev.faasjvm.runtime.http, org.junit",
        "dev.faasjvm.runtime.loader, org.junit",
        "dev.faasjvm.runtime.metrics, org.junit",
        "dev.faasjvm.runtime.registry, org.junit",
        "dev.faasjvm.runtime.state, org.junit",
        "dev.faasjvm.runtime.wire, org.junit",
        "dev.faasjvm.runtime.folder, org.junit",
        // the state keeps bytes and wire records; it knows neither the back-end nor its loaders
        "dev.faasjvm.runtime.state, dev.faasjvm.runtime.backend",
        "dev.faasjvm.runtime.state, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.state, dev.faasjvm.runtime.loader",
        // the functions folder is a client of the seam, like HTTP
        "dev.faasjvm.runtime.folder, org.eclipse.jetty",
        "dev.faasjvm.runtime.folder, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.folder, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.folder, dev.faasjvm.runtime.loader",
        // several nodes' folders are coordinated through SharedFolders, which the cluster implements
        "dev.faasjvm.runtime.folder, dev.faasjvm.runtime.cluster",
        "dev.faasjvm.runtime.folder, dev.faasjvm.runtime.etcd",
        "dev.faasjvm.runtime.logs, org.junit",
        "dev.faasjvm.runtime.secrets, org.junit",
        "dev.faasjvm.runtime.namespaces, org.junit",
        "dev.faasjvm.runtime.auth, org.junit",
        // the parts of the JVM back-end behind the seam know nothing of HTTP or the registry
        "dev.faasjvm.runtime.logs, org.eclipse.jetty",
        "dev.faasjvm.runtime.logs, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.logs, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.secrets, org.eclipse.jetty",
        "dev.faasjvm.runtime.secrets, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.secrets, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.namespaces, org.eclipse.jetty",
        "dev.faasjvm.runtime.namespaces, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.namespaces, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.http, dev.faasjvm.runtime.logs",
        "dev.faasjvm.runtime.http, dev.faasjvm.runtime.secrets",
        "dev.faasjvm.runtime.http, dev.faasjvm.runtime.namespaces",
        // the async queue is a client of the seam, like HTTP; its own HTTP routes live in http (issue 15)
        "dev.faasjvm.runtime.async, org.eclipse.jetty",
        "dev.faasjvm.runtime.async, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.async, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.async, dev.faasjvm.runtime.loader",
        "dev.faasjvm.runtime.async, org.junit",
        // credentials are checked by the HTTP layer but know nothing of it
        "dev.faasjvm.runtime.auth, org.eclipse.jetty",
        "dev.faasjvm.runtime.auth, dev.faasjvm.runtime.http",
        // containment and accounting are below the loader and the registry, and know no HTTP
        "dev.faasjvm.runtime.containment, org.eclipse.jetty",
        "dev.faasjvm.runtime.containment, com.fasterxml",
        "dev.faasjvm.runtime.containment, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.containment, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.containment, dev.faasjvm.runtime.loader",
        "dev.faasjvm.runtime.accounting, org.eclipse.jetty",
        "dev.faasjvm.runtime.accounting, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.accounting, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.accounting, dev.faasjvm.runtime.containment",
        // a streamed response knows the seam's sink, not what backs it (issue 14)
        "dev.faasjvm.runtime.streaming, org.eclipse.jetty",
        "dev.faasjvm.runtime.streaming, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.streaming, dev.faasjvm.runtime.registry",
        // the shared worker threads run any replica's tasks, knowing only the accounting below them
        "dev.faasjvm.runtime.workers, org.eclipse.jetty",
        "dev.faasjvm.runtime.workers, dev.faasjvm.runtime.http",
        "dev.faasjvm.runtime.workers, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.workers, dev.faasjvm.runtime.loader",
        "dev.faasjvm.runtime.workers, dev.faasjvm.runtime.logs",
        // the background-thread factories are a leaf every package may use
        "dev.faasjvm.runtime.threads, org.eclipse.jetty",
        "dev.faasjvm.runtime.threads, dev.faasjvm.runtime.registry",
        "dev.faasjvm.runtime.threads, dev.faasjvm.runtime.http"})
    void package_mustNotDependOn(String packageName, String forbidden) {
        TreeSet<String> offenders = new TreeSet<>();
        for (ClassInfo type : scan.getAllClasses()) {
            if (!type.getPackageName().equals(packageName) && !type.getPackageName().startsWith(packageName + ".")
                    || isTestClass(type)) {
                continue;
            }
            for (ClassInfo dependency : type.getClassDependencies()) {
                if (dependency.getName().startsWith(forbidden + ".")) {
                    offenders.add(type.getName() + " -> " + dependency.getName());
                }
            }
        }

        assertEquals(List.of(), List.copyOf(offenders), packageName + " depends on " + forbidden);
    }

    @Test
    void rootPackage_mustNotDependOnJUnit() {
        TreeSet<String> offenders = new TreeSet<>();
        for (ClassInfo type : scan.getAllClasses()) {
            if (!type.getPackageName().equals(ROOT) || isTestClass(type)) {
                continue;
            }
            for (ClassInfo dependency : type.getClassDependencies()) {
                if (dependency.getName().startsWith("org.junit.")) {
                    offenders.add(type.getName() + " -> " + dependency.getName());
                }
            }
        }

        assertEquals(List.of(), List.copyOf(offenders), "only dev.faasjvm.runtime.junit may use JUnit");
    }

    /** The rules are about the runtime's own classes; its tests use whatever they test with. */
    private static boolean isTestClass(ClassInfo type) {
        return !type.isExternalClass() && type.getClasspathElementURI().getPath().contains("/test-classes");
    }
}
