package dev.faasjvm.runtime.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The few lines that end a passing {@code ./mvnw -B verify}: how many tests passed, failed and were
 * skipped across every module, split by module and kind, and the slowest classes. Run by the build
 * (exec-maven-plugin, in Maven's own JVM) after the last tests; it reads the surefire and failsafe
 * XML reports under the given project folder that this build wrote (newer than the JVM's start), so
 * reports left from an earlier build are not counted. Its first line has the form CI tools read
 * ({@code Tests: N passed, N failed, N skipped}).
 */
public final class TestSummary {
    private static final int SLOWEST = 5;

    private record Suite(String module, String kind, String className, int tests, int failed, int skipped,
            double seconds, String skipReason) {
        int passed() {
            return tests - failed - skipped;
        }
    }

    private TestSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args.length > 0 ? args[0] : ".");
        long buildStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        List<Suite> suites = new ArrayList<>();
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(project, Files::isDirectory)) {
            for (Path module : modules) {
                read(module, "surefire-reports", "unit", buildStart, suites);
                read(module, "failsafe-reports", "integration", buildStart, suites);
            }
        }
        System.out.print(render(suites));
        System.out.flush();
    }

    static String render(List<Suite> suites) {
        if (suites.isEmpty()) {
            return "Tests: no test ran in this build\n";
        }
        int passed = suites.stream().mapToInt(Suite::passed).sum();
        int failed = suites.stream().mapToInt(Suite::failed).sum();
        int skipped = suites.stream().mapToInt(Suite::skipped).sum();
        double seconds = suites.stream().mapToDouble(Suite::seconds).sum();
        Map<String, Integer> byModuleAndKind = new LinkedHashMap<>();
        suites.stream().sorted(Comparator.comparing(Suite::module).thenComparing(Suite::kind, Comparator.reverseOrder()))
                .forEach(suite -> byModuleAndKind.merge(suite.module() + " " + suite.kind(), suite.tests(), Integer::sum));
        String split = byModuleAndKind.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        String slowest = suites.stream().sorted(Comparator.comparingDouble(Suite::seconds).reversed()).limit(SLOWEST)
                .map(suite -> String.format("%s %.1f s", suite.className(), suite.seconds()))
                .collect(Collectors.joining(", "));
        String skips = suites.stream().filter(suite -> suite.skipped() > 0)
                .map(suite -> String.format("  Skipped %d in %s: %s%n", suite.skipped(), suite.className(),
                        suite.skipReason()))
                .collect(Collectors.joining());
        return "\n"
                + "Tests: " + passed + " passed, " + failed + " failed, " + skipped + " skipped\n"
                + String.format("  %d classes (%s), %.0f s in tests; slowest: %s%n", suites.size(), split, seconds,
                        slowest)
                + skips
                + "  What each class printed and logged: <module>/target/{surefire,failsafe}-reports/<class>-output.txt\n";
    }

    private static void read(Path module, String folder, String kind, long buildStart, List<Suite> into)
            throws Exception {
        Path reports = module.resolve("target").resolve(folder);
        if (!Files.isDirectory(reports)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "TEST-*.xml")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toMillis() >= buildStart) {
                    into.add(parse(module.getFileName().toString(), kind, file));
                }
            }
        }
    }

    private static Suite parse(String module, String kind, Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element suite;
        try {
            suite = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (IOException e) {
            throw new IOException("Cannot read test report " + file + ": " + e.getMessage(), e);
        }
        String name = suite.getAttribute("name");
        return new Suite(module, kind, name.substring(name.lastIndexOf('.') + 1), number(suite, "tests"),
                number(suite, "failures") + number(suite, "errors"), number(suite, "skipped"),
                Double.parseDouble(suite.getAttribute("time").replace(",", "")), skipReason(suite));
    }

    /** Why the tests of a class were skipped: the distinct messages of its skipped cases. */
    private static String skipReason(Element suite) {
        NodeList skipped = suite.getElementsByTagName("skipped");
        Set<String> reasons = new LinkedHashSet<>();
        for (int i = 0; i < skipped.getLength(); i++) {
            String message = ((Element) skipped.item(i)).getAttribute("message");
            reasons.add(message.isEmpty() ? "(no reason given)" : message);
        }
        return String.join("; ", reasons);
    }

    private static int number(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
