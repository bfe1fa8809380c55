package dev.faasjvm.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The user name and password that {@code /system/*} requires (faas-provider {@code auth}). The
 * check hashes both sides before comparing them in constant time, so neither the content nor the
 * length of the secret shows in the time a guess takes. {@link #toString()} hides the password.
 * Immutable.
 *
 * @param user the user name, not empty
 * @param password the password, not empty
 */
public record BasicCredentials(String user, String password) {
    private static final String BASIC = "Basic ";

    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("Basic auth user and password must not be empty");
        }
    }

    /** Whether an {@code Authorization} header value (may be {@code null}) carries these credentials. */
    public boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean userMatches = sameSecret(decoded.substring(0, colon), user);
        boolean passwordMatches = sameSecret(decoded.substring(colon + 1), password);
        return userMatches & passwordMatches; // both always compared: no early exit on the user name
    }

    /** The {@code Authorization} header value a client sends with these credentials. */
    public String header() {
        return BASIC + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=(hidden)]";
    }

    private static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
