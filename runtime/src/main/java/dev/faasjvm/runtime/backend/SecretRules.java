package dev.faasjvm.runtime.backend;

import java.util.regex.Pattern;

/**
 * The contract's rules for secret names, for every back-end: not empty, no {@code /}, {@code \}
 * or {@code ..} (faasd answers "directory traversal found in name", since a name there becomes a
 * file), no control characters, which no file or header could carry either, and, as Kubernetes
 * requires, a DNS subdomain ({@code [a-z0-9]([-a-z0-9.]*[a-z0-9])?}) of at most 253 characters.
 */
public final class SecretRules {
    /** Kubernetes' limit for a secret's name (a DNS subdomain), issue 10. */
    static final int MAX_NAME_LENGTH = 253;
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private SecretRules() {
    }

    /** Throws {@link InvalidRequestException} unless {@code name} may name a secret. */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw new InvalidRequestException("Invalid secret: name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("Invalid secret name \"" + name.substring(0, 32) + "...\" ("
                    + name.length() + " characters): at most " + MAX_NAME_LENGTH + " are allowed, as Kubernetes"
                    + " requires");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            throw new InvalidRequestException("Invalid secret name \"" + name
                    + "\": directory traversal found in name ('/', '\\' and '..' are not allowed)");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new InvalidRequestException("Invalid secret name \"" + name.replaceAll("\\p{Cntrl}", "?")
                        + "\": control characters are not allowed");
            }
        }
        if (!DNS_SUBDOMAIN.matcher(name).matches()) {
            throw new InvalidRequestException("Invalid secret name \"" + name + "\": it must be a DNS subdomain, as"
                    + " Kubernetes requires: lower-case letters, digits, '-' and '.', starting and ending with a"
                    + " letter or digit");
        }
    }
}
