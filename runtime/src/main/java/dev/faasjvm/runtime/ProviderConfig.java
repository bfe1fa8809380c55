package dev.faasjvm.runtime;

import dev.faasjvm.runtime.containment.FunctionEnvironment;
import dev.faasjvm.runtime.cluster.ClusterConfig;
import dev.faasjvm.runtime.wire.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of a runtime, read once at start from command-line options and environment
 * variables (an option wins over its variable; OpenFaaS's names where they exist, else the
 * {@code FAAS_JVM_} prefix). {@link Setting} lists them all, and {@code --help} prints that list.
 * Immutable.
 *
 * @param host the address to bind, empty for all interfaces
 * @param port the port, 0 for an ephemeral one
 * @param functionsDir a folder kept in sync with the functions deployed from it, or {@code null} for none
 * @param stateDir where the runtime keeps its state, or {@code null} to keep it in memory only
 * @param maxBodyBytes the largest request body accepted (413 above)
 * @param maxInflight calls a replica runs at once unless the function sets {@code max_inflight}
 * @param readTimeout OpenFaaS {@code read_timeout}
 * @param writeTimeout OpenFaaS {@code write_timeout}
 * @param drainTimeout how long a retired generation's calls may finish before it closes anyway
 * @param artifactCacheBytes the total size of downloaded artifacts kept in the state directory
 * @param maxArtifactBytes the largest artifact downloaded, and the most a zip of JARs may unpack to
 * @param artifactConnectTimeout how long connecting to an artifact's server may take
 * @param artifactReadTimeout how long to wait for an artifact server's answer and each next part of it
 * @param shutdownGrace on SIGTERM (or {@link Provider#close()}), how long calls in flight may finish
 * @param functionsPoll how often the functions folder is checked for changes
 * @param execTimeout how long a call may run unless the function's exec_timeout says otherwise; zero for no limit
 * @param warmLoaders how many class loaders of functions at zero replicas stay loaded
 * @param warmDuration how long such a class loader stays loaded without being used
 * @param basicAuth whether {@code /system/*} requires basic auth (OpenFaaS {@code basic_auth})
 * @param secretMountPath where OpenFaaS's {@code basic-auth-user} and {@code basic-auth-password} files are
 * @param basicAuthUser the basic-auth user given as an option, or empty
 * @param basicAuthPasswordFile a file holding the basic-auth password, or {@code null}
 * @param logLines how many log lines each function keeps
 * @param functionEnvPassthrough the runtime's environment variables that every function's environment starts from
 * @param asyncMaxAttempts how many times an asynchronous call runs at most before it is a dead letter
 * @param asyncMaxAge how long after its acceptance an asynchronous call may still be retried
 * @param asyncRetryCodes the function answers after which an asynchronous call is retried
 * @param asyncBackoff the wait before an asynchronous call's first retry; each next one doubles, with jitter
 * @param clusterConfig the cluster this node joins (etcd, node name), or {@code null} for a single node
 * @param constructTimeout how long a handler's constructor may run unless the function's annotation says otherwise
 * @param maxLogFollowers how many {@code /system/logs} streams may follow at once
 */
public record ProviderConfig(String host, int port, Path functionsDir, Path stateDir, int maxBodyBytes,
        int maxInflight, Duration readTimeout, Duration writeTimeout, Duration drainTimeout,
        long artifactCacheBytes, long maxArtifactBytes, Duration artifactConnectTimeout,
        Duration artifactReadTimeout, Duration shutdownGrace, Duration functionsPoll, Duration execTimeout,
        int warmLoaders, Duration warmDuration, boolean basicAuth, Path secretMountPath, String basicAuthUser,
        Path basicAuthPasswordFile, int logLines, List<String> functionEnvPassthrough,
        int asyncMaxAttempts, Duration asyncMaxAge,
        Set<Integer> asyncRetryCodes, Duration asyncBackoff, ClusterConfig clusterConfig,
        Duration constructTimeout, int maxLogFollowers) {

    /** One setting: its option, its environment variable, its default and what it means. */
    enum Setting {
        PORT("--port", "port", "8080", "TCP port to serve the OpenFaaS provider API on"),
        HOST("--host", "FAAS_JVM_HOST", "", "address to bind (empty: every interface)"),
        FUNCTIONS("--functions", "FAAS_JVM_FUNCTIONS", "", "folder kept in sync: each *.jar is deployed as the function named after its file, updated when replaced, deleted when removed"),
        FUNCTIONS_POLL("--functions-poll", "FAAS_JVM_FUNCTIONS_POLL", "1s", "how often the functions folder is checked; a JAR is picked up once unchanged for one check"),
        STATE_DIR("--state-dir", "FAAS_JVM_STATE_DIR", "./.faas-jvm", "folder where faas-jvm keeps its state; an empty option value keeps it in memory only"),
        MAX_BODY_SIZE("--max-body-size", "FAAS_JVM_MAX_BODY_SIZE", "10485760", "largest request body in bytes; larger bodies get 413"),
        MAX_INFLIGHT("--max-inflight", "FAAS_JVM_MAX_INFLIGHT", "256", "calls one replica runs at once unless the function's max_inflight says otherwise"),
        READ_TIMEOUT("--read-timeout", "read_timeout", "60s", "how long reading a request may take (seconds or Go duration)"),
        WRITE_TIMEOUT("--write-timeout", "write_timeout", "60s", "how long writing a response may take (seconds or Go duration)"),
        DRAIN_TIMEOUT("--drain-timeout", "FAAS_JVM_DRAIN_TIMEOUT", "30s", "how long an updated or deleted function's running calls may finish before it is closed"),
        ARTIFACT_CACHE_SIZE("--artifact-cache-size", "FAAS_JVM_ARTIFACT_CACHE_SIZE", "1073741824", "bytes of downloaded artifacts kept in <state-dir>/artifacts; artifacts in use are kept regardless"),
        MAX_ARTIFACT_SIZE("--max-artifact-size", "FAAS_JVM_MAX_ARTIFACT_SIZE", "268435456", "largest artifact downloaded, and the most a zip of JARs may unpack to, in bytes"),
        ARTIFACT_CONNECT_TIMEOUT("--artifact-connect-timeout", "FAAS_JVM_ARTIFACT_CONNECT_TIMEOUT", "10s", "how long connecting to an http(s) image's server may take"),
        ARTIFACT_READ_TIMEOUT("--artifact-read-timeout", "FAAS_JVM_ARTIFACT_READ_TIMEOUT", "30s", "how long to wait for an http(s) image's response, and then for each next part of its body"),
        SHUTDOWN_GRACE("--shutdown-grace", "FAAS_JVM_SHUTDOWN_GRACE", "20s", "on SIGTERM, how long calls in flight may finish before every function is closed and the runtime exits"),
        EXEC_TIMEOUT("--exec-timeout", "FAAS_JVM_EXEC_TIMEOUT", "60s", "how long a call may run (504 after) unless the function's exec_timeout says otherwise; 0 for no limit"),
        WARM_LOADERS("--warm-loaders", "FAAS_JVM_WARM_LOADERS", "64", "how many functions at zero replicas keep their class loader, so the next call does not reload the JAR"),
        WARM_DURATION("--warm-duration", "FAAS_JVM_WARM_DURATION", "1h", "how long a function at zero replicas keeps its class loader"),
        BASIC_AUTH("--basic-auth", "basic_auth", "true", "require HTTP basic auth on /system/*; false turns it off (not for a network)"),
        SECRET_MOUNT_PATH("--secret-mount-path", "secret_mount_path", "/run/secrets/", "folder of the OpenFaaS basic-auth-user and basic-auth-password files"),
        BASIC_AUTH_USER("--basic-auth-user", "FAAS_JVM_BASIC_AUTH_USER", "", "basic auth user (default: the basic-auth-user file, else admin)"),
        BASIC_AUTH_PASSWORD_FILE("--basic-auth-password-file", "FAAS_JVM_BASIC_AUTH_PASSWORD_FILE", "", "file holding the basic auth password (default: basic-auth-password under secret_mount_path, else one generated into the state folder)"),
        LOG_LINES("--log-lines", "FAAS_JVM_LOG_LINES", "1000", "log lines kept per function for /system/logs"),
        FUNCTION_ENV_PASSTHROUGH("--function-env-passthrough", "FAAS_JVM_FUNCTION_ENV_PASSTHROUGH",
                FunctionEnvironment.DEFAULT_PASSTHROUGH, "comma-separated variables of the runtime's environment that"
                + " functions see in System.getenv() under their own envVars; no other variable reaches them"
                + " (\"\" for none)"),
        ASYNC_MAX_ATTEMPTS("--async-max-attempts", "FAAS_JVM_ASYNC_MAX_ATTEMPTS", "5", "how many times an asynchronous call runs at most before it becomes a dead letter (a function's async_max_attempts overrides it)"),
        ASYNC_MAX_AGE("--async-max-age", "FAAS_JVM_ASYNC_MAX_AGE", "24h", "how long after its 202 an asynchronous call may still be retried; then it becomes a dead letter"),
        ASYNC_RETRY_CODES("--async-retry-codes", "FAAS_JVM_ASYNC_RETRY_CODES", "408,429,500,502,503,504", "function answers after which an asynchronous call is retried (a timeout is a 504; a function's async_retry_codes overrides it)"),
        ASYNC_BACKOFF("--async-backoff", "FAAS_JVM_ASYNC_BACKOFF", "1s", "wait before an asynchronous call's first retry; each next wait doubles (up to 5m), drawn between half and all of it"),
        ETCD("--etcd", "FAAS_JVM_ETCD", "", "comma-separated etcd client URLs: this node joins the cluster whose desired state is kept there (see Run a cluster); none: a single node"),
        ETCD_PREFIX("--etcd-prefix", "FAAS_JVM_ETCD_PREFIX", "/faas-jvm/", "the etcd key prefix of this cluster, so several clusters can share one etcd"),
        NODE_NAME("--node-name", "FAAS_JVM_NODE_NAME", "", "this node's name in the cluster, unique and stable across restarts (default: the host name)"),
        ADVERTISE_URL("--advertise-url", "FAAS_JVM_ADVERTISE_URL", "", "the URL the other nodes call this node at (default: http://<host>:<port> as bound)"),
        NODE_TTL("--node-ttl", "FAAS_JVM_NODE_TTL", "10s", "how long a node that stopped renewing its etcd lease counts as live; its replicas move to the others after it"),
        ETCD_USER("--etcd-user", "FAAS_JVM_ETCD_USER", "", "etcd user, when etcd's auth is on"),
        ETCD_PASSWORD_FILE("--etcd-password-file", "FAAS_JVM_ETCD_PASSWORD_FILE", "", "file holding the etcd user's password"),
        ETCD_CA("--etcd-ca", "FAAS_JVM_ETCD_CA", "", "PEM file of the CA that signed the etcd members' certificates (https endpoints)"),
        ETCD_CERT("--etcd-cert", "FAAS_JVM_ETCD_CERT", "", "PEM client certificate for etcd's client-certificate auth"),
        ETCD_KEY("--etcd-key", "FAAS_JVM_ETCD_KEY", "", "PEM PKCS#8 private key of --etcd-cert"),
        CONSTRUCT_TIMEOUT("--construct-timeout", "FAAS_JVM_CONSTRUCT_TIMEOUT", "60s", "how long a handler's constructor may run (deploy, update, scale-up, restore) unless the function's annotation com.faas-jvm.construct-timeout says otherwise; past it the constructor is interrupted and the deploy fails with 400"),
        MAX_LOG_FOLLOWERS("--max-log-followers", "FAAS_JVM_MAX_LOG_FOLLOWERS", "1000", "how many GET /system/logs?follow=true streams may be open at once; beyond it 503");

        final String option;
        final String env;
        final String defaultValue;
        final String meaning;

        Setting(String option, String env, String defaultValue, String meaning) {
            this.option = option;
            this.env = env;
            this.defaultValue = defaultValue;
            this.meaning = meaning;
        }
    }

    public ProviderConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(artifactConnectTimeout, "artifactConnectTimeout");
        Objects.requireNonNull(artifactReadTimeout, "artifactReadTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(functionsPoll, "functionsPoll");
        Objects.requireNonNull(execTimeout, "execTimeout");
        Objects.requireNonNull(warmDuration, "warmDuration");
        if (warmLoaders < 0) {
            throw new ConfigException("Warm loaders must not be negative, not " + warmLoaders);
        }
        Objects.requireNonNull(secretMountPath, "secretMountPath");
        Objects.requireNonNull(basicAuthUser, "basicAuthUser");
        if (artifactCacheBytes < 0) {
            throw new ConfigException("Artifact cache size must not be negative, not " + artifactCacheBytes);
        }
        if (maxArtifactBytes < 1 || maxArtifactBytes > Integer.MAX_VALUE) {
            throw new ConfigException("Max artifact size must be from 1 to " + Integer.MAX_VALUE + " bytes, not "
                    + maxArtifactBytes);
        }
        if (artifactConnectTimeout.isZero() || artifactConnectTimeout.isNegative()
                || artifactReadTimeout.isZero() || artifactReadTimeout.isNegative()) {
            throw new ConfigException("Artifact connect and read timeouts must be positive, not "
                    + artifactConnectTimeout + " and " + artifactReadTimeout);
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("Port must be from 0 to 65535, not " + port);
        }
        if (maxBodyBytes < 0) {
            throw new ConfigException("Max body size must not be negative, not " + maxBodyBytes);
        }
        if (maxInflight < 1) {
            throw new ConfigException("Max in-flight calls must be at least 1, not " + maxInflight);
        }
        if (functionsPoll.isZero() || functionsPoll.isNegative()) {
            throw new ConfigException("The functions folder poll interval must be positive, not " + functionsPoll);
        }
        if (shutdownGrace.isNegative()) {
            throw new ConfigException("The shutdown grace period must not be negative, not " + shutdownGrace);
        }
        functionEnvPassthrough = List.copyOf(functionEnvPassthrough);
        Objects.requireNonNull(constructTimeout, "constructTimeout");
        if (constructTimeout.isZero() || constructTimeout.isNegative()) {
            throw new ConfigException("The construct timeout must be positive, not " + GoDuration.format(constructTimeout));
        }
        if (maxLogFollowers < 0) {
            throw new ConfigException("Max log followers must not be negative, not " + maxLogFollowers);
        }
        if (logLines < 1) {
            throw new ConfigException("Log lines per function must be at least 1, not " + logLines);
        }
        asyncRetryCodes = Set.copyOf(Objects.requireNonNull(asyncRetryCodes, "asyncRetryCodes"));
        Objects.requireNonNull(asyncMaxAge, "asyncMaxAge");
        Objects.requireNonNull(asyncBackoff, "asyncBackoff");
        if (asyncMaxAttempts < 1) {
            throw new ConfigException("Async max attempts must be at least 1, not " + asyncMaxAttempts);
        }
        if (asyncMaxAge.isZero() || asyncMaxAge.isNegative()) {
            throw new ConfigException("Async max age must be positive, not " + asyncMaxAge);
        }
    }

    /** The watched functions folder, if one was given. */
    public Optional<Path> functions() {
        return Optional.ofNullable(functionsDir);
    }

    /** Where the runtime keeps its state; empty when it keeps it in memory only (tests, embedding). */
    public Optional<Path> state() {
        return Optional.ofNullable(stateDir);
    }

    /** The cluster this node joins; empty for a single node (no {@code --etcd}). */
    public Optional<ClusterConfig> cluster() {
        return Optional.ofNullable(clusterConfig);
    }

    /** The basic-auth password file given as an option, if one was. */
    public Optional<Path> passwordFile() {
        return Optional.ofNullable(basicAuthPasswordFile);
    }

    /**
     * Starts a {@link Builder} from every setting's default; the process environment is not read
     * unless {@link Builder#environment(Map)} is given it.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Every setting at its default, as {@code java -jar faas-jvm.jar} with no options would run. */
    public static ProviderConfig defaults() {
        return parse(List.of(), Map.of());
    }

    /**
     * Reads the settings from command-line arguments and environment variables.
     *
     * @throws ConfigException naming the first unknown option or invalid value
     */
    public static ProviderConfig parse(List<String> args, Map<String, String> env) {
        return builder().environment(env).arguments(args).build();
    }

    static ProviderConfig of(Map<String, String> env, Map<Setting, String> options) {
        Map<Setting, String> values = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            String fromEnv = env.get(setting.env);
            values.put(setting, fromEnv == null || fromEnv.isBlank() ? setting.defaultValue : fromEnv.strip());
        }
        values.putAll(options);
        String functions = values.get(Setting.FUNCTIONS);
        String state = values.get(Setting.STATE_DIR);
        String passwordFile = values.get(Setting.BASIC_AUTH_PASSWORD_FILE);
        return new ProviderConfig(values.get(Setting.HOST),
                integer(Setting.PORT, values.get(Setting.PORT)),
                functions.isEmpty() ? null : Path.of(functions),
                state.isEmpty() ? null : Path.of(state),
                integer(Setting.MAX_BODY_SIZE, values.get(Setting.MAX_BODY_SIZE)),
                integer(Setting.MAX_INFLIGHT, values.get(Setting.MAX_INFLIGHT)),
                duration(Setting.READ_TIMEOUT, values.get(Setting.READ_TIMEOUT)),
                duration(Setting.WRITE_TIMEOUT, values.get(Setting.WRITE_TIMEOUT)),
                duration(Setting.DRAIN_TIMEOUT, values.get(Setting.DRAIN_TIMEOUT)),
                bytes(Setting.ARTIFACT_CACHE_SIZE, values.get(Setting.ARTIFACT_CACHE_SIZE)),
                bytes(Setting.MAX_ARTIFACT_SIZE, values.get(Setting.MAX_ARTIFACT_SIZE)),
                duration(Setting.ARTIFACT_CONNECT_TIMEOUT, values.get(Setting.ARTIFACT_CONNECT_TIMEOUT)),
                duration(Setting.ARTIFACT_READ_TIMEOUT, values.get(Setting.ARTIFACT_READ_TIMEOUT)),
                duration(Setting.SHUTDOWN_GRACE, values.get(Setting.SHUTDOWN_GRACE)),
                duration(Setting.FUNCTIONS_POLL, values.get(Setting.FUNCTIONS_POLL)),
                duration(Setting.EXEC_TIMEOUT, values.get(Setting.EXEC_TIMEOUT)),
                integer(Setting.WARM_LOADERS, values.get(Setting.WARM_LOADERS)),
                duration(Setting.WARM_DURATION, values.get(Setting.WARM_DURATION)),
                bool(Setting.BASIC_AUTH, values.get(Setting.BASIC_AUTH)),
                Path.of(values.get(Setting.SECRET_MOUNT_PATH)),
                values.get(Setting.BASIC_AUTH_USER),
                passwordFile.isEmpty() ? null : Path.of(passwordFile),
                integer(Setting.LOG_LINES, values.get(Setting.LOG_LINES)),
                FunctionEnvironment.names(options.getOrDefault(Setting.FUNCTION_ENV_PASSTHROUGH,
                        env.getOrDefault(Setting.FUNCTION_ENV_PASSTHROUGH.env,
                                Setting.FUNCTION_ENV_PASSTHROUGH.defaultValue))),
                integer(Setting.ASYNC_MAX_ATTEMPTS, values.get(Setting.ASYNC_MAX_ATTEMPTS)),
                duration(Setting.ASYNC_MAX_AGE, values.get(Setting.ASYNC_MAX_AGE)),
                codes(Setting.ASYNC_RETRY_CODES, values.get(Setting.ASYNC_RETRY_CODES)),
                duration(Setting.ASYNC_BACKOFF, values.get(Setting.ASYNC_BACKOFF)),
                ClusterSettings.of(values),
                duration(Setting.CONSTRUCT_TIMEOUT, values.get(Setting.CONSTRUCT_TIMEOUT)),
                integer(Setting.MAX_LOG_FOLLOWERS, values.get(Setting.MAX_LOG_FOLLOWERS)));
    }

    /** Whether the arguments ask for help rather than a runtime. */
    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /** Where {@code --help} wraps a meaning: a terminal's width. */
    static final int HELP_WIDTH = 100;

    /**
     * The text of {@code --help}: usage and every setting with its variable and default, in two
     * columns as wide as the longest option needs, meanings wrapped to {@link #HELP_WIDTH}.
     */
    static String help() {
        StringBuilder text = new StringBuilder("Usage: java -jar faas-jvm.jar [options]\n\n"
                + "Runs an OpenFaaS provider that serves Java functions from JARs inside this JVM.\n\nOptions:\n");
        int column = 0;
        for (Setting setting : Setting.values()) {
            column = Math.max(column, (setting.option + " VALUE").length());
        }
        for (Setting setting : Setting.values()) {
            helpEntry(text, column, setting.option + " VALUE", setting.meaning);
            helpEntry(text, column, "", "env " + setting.env + ", default "
                    + (setting.defaultValue.isEmpty() ? "(none)" : setting.defaultValue));
        }
        helpEntry(text, column, "--help", "print this help and exit");
        return text.toString();
    }

    private static void helpEntry(StringBuilder text, int column, String option, String meaning) {
        String indent = " ".repeat(2 + column + 2);
        StringBuilder line = new StringBuilder("  " + option + " ".repeat(column - option.length() + 2));
        boolean first = true;
        for (String word : meaning.split(" ")) {
            if (!first && line.length() + 1 + word.length() > HELP_WIDTH) {
                text.append(line).append(System.lineSeparator());
                line = new StringBuilder(indent);
                first = true;
            }
            line.append(first ? "" : " ").append(word);
            first = false;
        }
        text.append(line).append(System.lineSeparator());
    }

    static Map<Setting, String> options(List<String> args) {
        Map<Setting, String> values = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Setting setting = settingOf(name);
            if (equals >= 0) {
                values.put(setting, arg.substring(equals + 1));
            } else if (rest.isEmpty()) {
                throw new ConfigException("Option " + name + " needs a value, e.g. " + name + " "
                        + (setting.defaultValue.isEmpty() ? "VALUE" : setting.defaultValue));
            } else {
                values.put(setting, rest.remove(0));
            }
        }
        return values;
    }

    private static Setting settingOf(String option) {
        for (Setting setting : Setting.values()) {
            if (setting.option.equals(option)) {
                return setting;
            }
        }
        throw new ConfigException("Unknown option \"" + option + "\"; run with --help to list the options");
    }

    /** The setting named by its option ({@code --port} or {@code port}) or its environment variable. */
    static Setting settingNamed(String name) {
        for (Setting setting : Setting.values()) {
            if (setting.option.equals(name) || setting.option.equals("--" + name) || setting.env.equals(name)) {
                return setting;
            }
        }
        throw new ConfigException("Unknown setting \"" + name + "\"; the settings are the options and"
                + " environment variables that --help lists");
    }

    private static int integer(Setting setting, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.option + " (env " + setting.env + ") must be a whole number, not \""
                    + value + "\"");
        }
    }

    /** Go's {@code strconv.ParseBool}, as OpenFaaS reads {@code basic_auth}. */
    private static boolean bool(Setting setting, String value) {
        switch (value) {
            case "1": case "t": case "T": case "true": case "TRUE": case "True":
                return true;
            case "0": case "f": case "F": case "false": case "FALSE": case "False":
                return false;
            default:
                throw new ConfigException(setting.option + " (env " + setting.env + ") must be true or false, not \""
                        + value + "\"");
        }
    }

    private static long bytes(Setting setting, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.option + " (env " + setting.env + ") must be a whole number of bytes,"
                    + " not \"" + value + "\"");
        }
    }

    private static Set<Integer> codes(Setting setting, String value) {
        try {
            return dev.faasjvm.runtime.async.AsyncConfig.parseCodes(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting.option + " (env " + setting.env + "): " + e.getMessage());
        }
    }

    static Duration duration(Setting setting, String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting.option + " (env " + setting.env + "): " + e.getMessage());
        }
    }

    /**
     * Builds a {@link ProviderConfig} from code, as an embedding application or a test does: every
     * setting starts at its default (the process environment is read only when it is passed to
     * {@link #environment(Map)}), and each call overrides one setting, validated exactly as on the
     * command line. Later calls win. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> arguments = new ArrayList<>();
        private final Map<Setting, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Reads settings from these environment variables (e.g. {@code System.getenv()}). */
        public Builder environment(Map<String, String> environment) {
            env.putAll(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /** Reads settings from command-line arguments ({@code --port 8081}, {@code --port=8081}). */
        public Builder arguments(List<String> args) {
            arguments.addAll(Objects.requireNonNull(args, "args"));
            return this;
        }

        /**
         * Overrides one setting, named by its option ({@code --max-inflight} or {@code max-inflight})
         * or its environment variable ({@code FAAS_JVM_MAX_INFLIGHT}); the value is a string as on the
         * command line.
         *
         * @throws ConfigException if no setting has that name
         */
        public Builder set(String name, String value) {
            return set(settingNamed(Objects.requireNonNull(name, "name")), value);
        }

        /** The port to serve on; 0 for an ephemeral one, which {@code Provider.port()} reads back. */
        public Builder port(int port) {
            return set(Setting.PORT, Integer.toString(port));
        }

        /** The address to bind, e.g. {@code 127.0.0.1}; empty for every interface. */
        public Builder host(String host) {
            return set(Setting.HOST, host);
        }

        /** Keeps the runtime's state in this folder. */
        public Builder stateDir(Path dir) {
            return set(Setting.STATE_DIR, Objects.requireNonNull(dir, "dir").toString());
        }

        /** Keeps the runtime's state in memory only: nothing is written to disk, nothing survives close. */
        public Builder inMemoryState() {
            return set(Setting.STATE_DIR, "");
        }

        /**
         * Whether {@code /system/*} requires basic auth (on by default); off, anyone who reaches the
         * port can deploy code.
         */
        public Builder basicAuth(boolean on) {
            return set(Setting.BASIC_AUTH, Boolean.toString(on));
        }

        /** Keeps the functions of this folder's JARs in sync with it (see {@code --functions}). */
        public Builder functions(Path dir) {
            return set(Setting.FUNCTIONS, Objects.requireNonNull(dir, "dir").toString());
        }

        /**
         * The settings: defaults, then the environment, then the arguments, then the overrides.
         *
         * @throws ConfigException naming the first invalid value
         */
        public ProviderConfig build() {
            Map<Setting, String> options = options(arguments);
            options.putAll(overrides);
            return of(env, options);
        }

        private Builder set(Setting setting, String value) {
            overrides.put(setting, Objects.requireNonNull(value, "value"));
            return this;
        }
    }
}
