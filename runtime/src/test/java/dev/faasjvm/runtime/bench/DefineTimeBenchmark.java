package dev.faasjvm.runtime.bench;

import dev.faasjvm.runtime.containment.ClassRewriter;
import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What the containment rewrite adds to defining a function's classes: every class of a JAR is
 * loaded (defined, not initialised) in a fresh class loader, once defined as read and once
 * rewritten first, alternately, and the loading thread's CPU time compared (other processes' load
 * does not inflate it). Run on {@code bundled.jar} (Guava and Jackson, about 3,000 classes) and
 * {@code rogue.jar} (one class, every redirected call). Also counts how many classes the
 * constant-pool check lets through unparsed and how many are actually changed.
 */
final class DefineTimeBenchmark {
    static final int ROUNDS = 9;

    private DefineTimeBenchmark() {
    }

    static String run() throws IOException {
        StringBuilder report = new StringBuilder("## Define time: every class of a JAR loaded, as read and rewritten, "
                + ROUNDS + " alternating rounds (median, CPU time of the loading thread)\n"
                + BenchmarkRuntime.machine() + "\n\n"
                + "| JAR | classes | parsed (pool names a redirected class) | changed | plain define | with rewrite"
                + " | overhead | rewrite alone per class |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (String sample : List.of("bundled", "rogue", "echo")) {
            report.append(measure(sample, Samples.jar(sample)));
        }
        return report.toString();
    }

    private static String measure(String sample, Path jar) throws IOException {
        Map<String, byte[]> classes = classesOf(jar);
        int parsed = 0;
        int changed = 0;
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            byte[] rewritten = ClassRewriter.rewrite(entry.getKey(), entry.getValue(), sample);
            changed += rewritten != entry.getValue() ? 1 : 0;
            parsed += mentionsRedirectedClass(entry.getValue()) ? 1 : 0;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            loadAll(classes, false);
            loadAll(classes, true);
        }
        double[] plain = new double[ROUNDS];
        double[] rewriting = new double[ROUNDS];
        double[] rewriteOnly = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            loadAll(classes, false);
            long middle = threads.getCurrentThreadCpuTime();
            loadAll(classes, true);
            long end = threads.getCurrentThreadCpuTime();
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                ClassRewriter.rewrite(entry.getKey(), entry.getValue(), sample);
            }
            long rewritten = threads.getCurrentThreadCpuTime();
            plain[round] = (middle - start) / 1e6;
            rewriting[round] = (end - middle) / 1e6;
            rewriteOnly[round] = (rewritten - end) / 1e3 / classes.size();
        }
        double plainMs = median(plain);
        double rewritingMs = median(rewriting);
        return String.format("| %s | %d | %d | %d | %.1f ms | %.1f ms | %+.1f%% | %.2f µs |%n", sample,
                classes.size(), parsed, changed, plainMs, rewritingMs, (rewritingMs / plainMs - 1) * 100,
                median(rewriteOnly));
    }

    private static boolean mentionsRedirectedClass(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return List.of("java/lang/System", "java/lang/Runtime", "java/util/Locale", "java/util/TimeZone",
                "java/time/ZoneId", "setDefaultUncaughtExceptionHandler", "getDefaultUncaughtExceptionHandler")
                .stream().anyMatch(text::contains);
    }

    /** Loads every class in a fresh loader; answers how many could be loaded (some lack optional dependencies). */
    private static int loadAll(Map<String, byte[]> classes, boolean rewrite) {
        MapLoader loader = new MapLoader(classes, rewrite);
        int loaded = 0;
        for (String name : classes.keySet()) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError optionalDependencyMissing) {
                // counted out: the same classes fail both ways
            }
        }
        return loaded;
    }

    private static Map<String, byte[]> classesOf(Path jar) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        classes.put(name.substring(0, name.length() - 6).replace('/', '.'), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Defines classes from memory, rewritten or not, under the platform loader (and the API's). */
    private static final class MapLoader extends ClassLoader {
        private final Map<String, byte[]> classes;
        private final boolean rewrite;

        MapLoader(Map<String, byte[]> classes, boolean rewrite) {
            super(DefineTimeBenchmark.class.getClassLoader());
            this.classes = classes;
            this.rewrite = rewrite;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                byte[] defined = rewrite ? ClassRewriter.rewrite(name, bytes, "bench") : bytes;
                return defineClass(name, defined, 0, defined.length);
            }
        }
    }
}
