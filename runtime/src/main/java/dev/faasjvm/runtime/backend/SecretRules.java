package dev.faasjvm.runtime.backend;

/**
 * The contract's rules for secret names, for every back-end: not empty, no {@code /}, {@code \}
 * or {@code ..} (faasd answers "directory traversal found in name", since a name there becomes a
 * file), and no control characters, which no file or header could carry either.
 */
public final class SecretRules {
    private SecretRules() {
    }

    /** Throws {@link InvalidRequestException} unless {@code name} may name a secret. */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw new InvalidRequestException("Invalid secret: name is required");
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
    }
}
