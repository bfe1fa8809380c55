package dev.faasjvm.runtime;

import dev.faasjvm.runtime.folder.FolderOutcome;
import dev.faasjvm.runtime.registry.RestoreProgress;
import dev.faasjvm.runtime.startup.EarlyInit;
import dev.faasjvm.runtime.wire.GoDuration;
import dev.faasjvm.runtime.wire.StateReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@code java -jar faas-jvm.jar}: reads the settings, starts a {@link Provider}, and prints one
 * line saying where it listens, what it restored and what it deployed, then one saying how
 * {@code /system/*} is protected (or a warning on standard error that it is not). Wiring only. A bad
 * setting or a busy port is one line on standard error and exit code 2. SIGTERM stops it gracefully
 * and exits 0; any other JVM exit still closes it through a shutdown hook.
 */
public final class Main {
    static final int EXIT_USAGE = 2;
    static final String AUTH_OFF_WARNING = "faas-jvm: WARNING: basic auth is off (basic_auth=false): anyone who can"
            + " reach this port can deploy, change and delete functions and secrets";

    private Main() {
    }

    public static void main(String[] args) {
        EarlyInit.start();
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // Before any function runs: the runtime's console logs in UTC whatever the default zone.
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                if (handler instanceof ConsoleHandler) {
                    handler.setFormatter(new UtcLogFormatter());
                }
            }
        }
        System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine",
                System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16"));
        List<String> arguments = Arrays.asList(args);
        if (ProviderConfig.wantsHelp(arguments)) {
            System.out.print(ProviderConfig.help());
            return;
        }
        long started = System.nanoTime();
        try {
            ProviderConfig config = ProviderConfig.parse(arguments, System.getenv());
            Provider provider = Provider.create(config).serve();
            Shutdown shutdown = new Shutdown(provider, config);
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "faas-jvm-shutdown"));
            TermSignal.install(() -> {
                shutdown.run();
                System.exit(0);
            });
            System.out.println(listeningLine(provider, config, (System.nanoTime() - started) / 1_000_000));
            if (provider.authentication().isPresent()) {
                // A password generated for an in-memory run is in no file: printed this once, or nobody could use it.
                System.out.println("faas-jvm: basic auth on /system/*: " + provider.authentication().get()
                        + (provider.passwordInAFile() ? "" : "; printed only here: "
                                + provider.credentials().orElseThrow().password()));
            } else {
                System.err.println(AUTH_OFF_WARNING);
            }
            reportProgressUntilReady(provider);
            provider.ready().join();
            System.out.println(startupLine(provider, config, (System.nanoTime() - started) / 1_000_000));
            provider.restored().problems().forEach(problem -> System.err.println("faas-jvm: state entry "
                    + problem.entry() + " was not restored and is left as it is: " + problem.reason()));
            provider.deployedAtStart().stream().filter(outcome -> !outcome.deployed())
                    .forEach(outcome -> System.err.println(skippedLine(outcome)));
        } catch (ConfigException e) {
            exit(System.err, "faas-jvm: " + e.getMessage());
        } catch (IOException e) {
            exit(System.err, "faas-jvm: " + bindMessage(e));
        } catch (Exception e) {
            exit(System.err, "faas-jvm: cannot start: " + e);
        }
    }

    /**
     * While the stored functions are being restored, one line after the first second and then every
     * five: how many are back, of how many, and how fast, so a long restore shows it is moving.
     */
    private static void reportProgressUntilReady(Provider provider) {
        long started = System.nanoTime();
        long wait = 1_000;
        while (true) {
            try {
                provider.ready().get(wait, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                RestoreProgress progress = provider.restoreProgress();
                if (progress.done() < progress.total()) { // not while only the functions folder is synced
                    System.out.println(progressLine(progress, (System.nanoTime() - started) / 1e9));
                }
                wait = 5_000;
            } catch (ExecutionException e) {
                return; // ready().join() reports it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String progressLine(RestoreProgress progress, double seconds) {
        return String.format(Locale.ROOT, "faas-jvm: restoring the stored functions: %,d of %,d back (%,.0f a second)",
                progress.done(), progress.total(), seconds > 0 ? progress.done() / seconds : 0.0);
    }

    /**
     * The first line, printed as soon as the port serves: where, and that the stored functions are
     * being restored in the background ({@code /healthz?ready=1} answers 503 until they are).
     */
    static String listeningLine(Provider provider, ProviderConfig config, long millis) {
        String where = config.host().isEmpty() ? "0.0.0.0" : config.host();
        if (where.contains(":")) {
            where = "[" + where + "]";
        }
        return "faas-jvm " + BuildInfo.version() + " listening on http://" + where + ":" + provider.port()
                + " in " + millis + " ms; restoring the stored functions in the background"
                + " (GET /healthz?ready=1 answers 200 once done)";
    }

    /** The line printed once the runtime is ready: what it restored and what it deployed. */
    static String startupLine(Provider provider, ProviderConfig config, long millis) {
        List<FolderOutcome> outcomes = provider.deployedAtStart();
        String deployed = outcomes.stream().filter(FolderOutcome::deployed)
                .map(FolderOutcome::function).collect(Collectors.joining(", "));
        long skipped = outcomes.stream().filter(outcome -> !outcome.deployed()).count();
        return "faas-jvm ready in " + millis + " ms; " + restored(provider.restored()) + "; "
                + config.functions().map(dir -> "deployed " + count(outcomes) + " from " + dir
                        + (deployed.isEmpty() ? "" : ": " + deployed)).orElse("no functions folder")
                + (skipped == 0 ? "" : "; skipped " + skipped + (skipped == 1 ? " JAR" : " JARs")
                        + " (one line each on standard error)");
    }

    /** One line per JAR of the functions folder that could not be deployed at start, and why. */
    static String skippedLine(FolderOutcome outcome) {
        return "faas-jvm: functions folder: skipped " + outcome.jar().getFileName() + ": " + outcome.error();
    }

    private static String restored(StateReport report) {
        int problems = report.problems().size();
        return "restored " + functions(report.restored()) + " in " + report.restoreMillis() + " ms"
                + (problems == 0 ? "" : " (" + problems + (problems == 1 ? " entry" : " entries")
                        + " not restored, see GET /system/state)");
    }

    private static String count(List<FolderOutcome> outcomes) {
        return functions(outcomes.stream().filter(FolderOutcome::deployed).count());
    }

    private static String functions(long count) {
        return count == 1 ? "1 function" : count + " functions";
    }

    private static String bindMessage(IOException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        return cause != null
                ? e.getMessage() + " (" + cause.getMessage() + "): the port is in use; stop what holds it"
                        + " or choose another with --port or the env var port"
                : "cannot start: " + e.getMessage();
    }

    private static void exit(PrintStream err, String message) {
        err.println(message);
        System.exit(EXIT_USAGE);
    }

    /**
     * Stops the runtime once; a second caller waits for the first. The SIGTERM handler runs on a
     * daemon thread, so once Jetty's threads are gone the JVM would begin to exit under it; the
     * shutdown hook then lands here and keeps the JVM alive until every function is closed.
     */
    private static final class Shutdown {
        private final Provider provider;
        private final ProviderConfig config;
        private boolean done;

        Shutdown(Provider provider, ProviderConfig config) {
            this.provider = provider;
            this.config = config;
        }

        synchronized void run() {
            if (!done) {
                done = true;
                stop(provider, config);
            }
        }
    }

    private static void stop(Provider provider, ProviderConfig config) {
        long started = System.nanoTime();
        System.out.println("faas-jvm stopping: no new calls; calls in flight have up to "
                + GoDuration.format(config.shutdownGrace()) + " to finish");
        try {
            provider.close();
            System.out.println("faas-jvm stopped in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (Exception e) {
            System.err.println("faas-jvm: error while stopping: " + e);
        }
        System.out.flush();
    }
}
