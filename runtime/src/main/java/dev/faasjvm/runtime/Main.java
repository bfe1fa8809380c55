package dev.faasjvm.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code java -jar faas-jvm.jar}: reads the settings, starts a {@link Provider}, and prints one
 * line saying where it listens and what it deployed, then one saying how {@code /system/*} is
 * protected (or a warning on standard error that it is not). Wiring only. A bad setting or a busy port is
 * one line on standard error and exit code 2.
 */
public final class Main {
    static final int EXIT_USAGE = 2;
    static final String AUTH_OFF_WARNING = "faas-jvm: WARNING: basic auth is off (basic_auth=false): anyone who can"
            + " reach this port can deploy, change and delete functions and secrets";

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format",
                System.getProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n"));
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
            Provider provider = Provider.create(config).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(provider), "faas-jvm-shutdown"));
            System.out.println(startupLine(provider, config, (System.nanoTime() - started) / 1_000_000));
            if (provider.authentication().isPresent()) {
                System.out.println("faas-jvm: basic auth on /system/*: " + provider.authentication().get());
            } else {
                System.err.println(AUTH_OFF_WARNING);
            }
        } catch (ConfigException e) {
            exit(System.err, "faas-jvm: " + e.getMessage());
        } catch (IOException e) {
            exit(System.err, "faas-jvm: " + bindMessage(e));
        } catch (Exception e) {
            exit(System.err, "faas-jvm: cannot start: " + e);
        }
    }

    static String startupLine(Provider provider, ProviderConfig config, long millis) {
        List<FolderDeployer.Outcome> outcomes = provider.deployedAtStart();
        String deployed = outcomes.stream().filter(FolderDeployer.Outcome::deployed)
                .map(FolderDeployer.Outcome::function).collect(Collectors.joining(", "));
        String skipped = outcomes.stream().filter(outcome -> !outcome.deployed())
                .map(outcome -> outcome.jar().getFileName() + " (" + outcome.error() + ")")
                .collect(Collectors.joining("; "));
        String where = config.host().isEmpty() ? "0.0.0.0" : config.host();
        return "faas-jvm " + BuildInfo.version() + " listening on http://" + where + ":" + provider.port()
                + " in " + millis + " ms; "
                + config.functions().map(dir -> "deployed " + count(outcomes) + " from " + dir
                        + (deployed.isEmpty() ? "" : ": " + deployed)).orElse("no functions folder")
                + (skipped.isEmpty() ? "" : "; skipped " + skipped);
    }

    private static String count(List<FolderDeployer.Outcome> outcomes) {
        long deployed = outcomes.stream().filter(FolderDeployer.Outcome::deployed).count();
        return deployed == 1 ? "1 function" : deployed + " functions";
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

    private static void closeQuietly(Provider provider) {
        try {
            provider.close();
        } catch (Exception e) {
            System.err.println("faas-jvm: error while stopping: " + e);
        }
    }
}
