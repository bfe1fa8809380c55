package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.auth.BasicCredentials;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the HTTP surface, read once at start.
 *
 * @param host the address to bind, empty for every interface
 * @param port the port to bind, 0 for an ephemeral one
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param idleTimeout how long a connection may be idle (read and write), OpenFaaS's read/write timeout
 * @param writeTimeout OpenFaaS {@code write_timeout}: how long a log stream that follows may last
 * @param credentials what every {@code /system/*} route requires, or {@code null} when basic auth is off
 * @param readTimeout OpenFaaS {@code read_timeout}: how long reading one request (headers and body) may take
 * @param maxLogFollowers how many {@code /system/logs} streams may follow at once
 */
public record ServerConfig(String host, int port, int maxBodyBytes, Duration idleTimeout, Duration writeTimeout,
        BasicCredentials credentials, Duration readTimeout, int maxLogFollowers) {
    /** The default of {@code --max-log-followers}. */
    public static final int DEFAULT_MAX_LOG_FOLLOWERS = 1000;

    /** The settings with the read timeout equal to the idle timeout and the default follower limit. */
    public ServerConfig(String host, int port, int maxBodyBytes, Duration idleTimeout, Duration writeTimeout,
            BasicCredentials credentials) {
        this(host, port, maxBodyBytes, idleTimeout, writeTimeout, credentials, idleTimeout,
                DEFAULT_MAX_LOG_FOLLOWERS);
    }

    public ServerConfig {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxLogFollowers < 0) {
            throw new IllegalArgumentException("maxLogFollowers must not be negative, not " + maxLogFollowers);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, not " + port);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, not " + maxBodyBytes);
        }
    }

    /** The credentials {@code /system/*} requires; empty when basic auth is off. */
    public Optional<BasicCredentials> auth() {
        return Optional.ofNullable(credentials);
    }
}
