package dev.faasjvm.runtime.backend;

import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.util.regex.Pattern;

/**
 * The contract's rules for a FunctionDeployment that hold for every back-end: a {@code service}
 * that is an RFC 1123 label (as faas-netes requires, so names never contain the {@code .} that
 * separates a namespace in {@code /function/name.namespace}) and a non-empty {@code image}.
 */
public final class DeploymentRules {
    private static final Pattern RFC_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_NAME_LENGTH = 63;

    private DeploymentRules() {
    }

    /** Throws {@link InvalidRequestException} naming the first field that breaks a rule. */
    public static void check(FunctionDeployment deployment) {
        checkName(deployment.service());
        if (deployment.image().isBlank()) {
            throw new InvalidRequestException(
                    "Invalid deployment of \"" + deployment.service() + "\": image is required");
        }
    }

    /** Throws {@link InvalidRequestException} unless {@code name} is a valid function name. */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw new InvalidRequestException("Invalid deployment: service is required");
        }
        if (name.length() > MAX_NAME_LENGTH || !RFC_1123_LABEL.matcher(name).matches()) {
            throw new InvalidRequestException("Invalid deployment: service \"" + name
                    + "\" must be an RFC 1123 label: at most 63 lower-case letters, digits and '-',"
                    + " starting and ending with a letter or digit");
        }
    }
}
