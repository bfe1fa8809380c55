package dev.faasjvm.runtime.backend;

import dev.faasjvm.runtime.wire.FunctionNamespace;
import java.util.regex.Pattern;

/**
 * The contract's rules for a namespace a client creates or changes (faas-provider v0.23.0, as
 * faasd applies them): its name is an RFC 1123 label, as Kubernetes requires of namespaces, and it
 * carries the label {@code openfaas} with the value {@code 1} or {@code true} (faasd#351).
 */
public final class NamespaceRules {
    /** The label that marks a namespace as one OpenFaaS may use. */
    public static final String OPENFAAS_LABEL = "openfaas";

    private static final Pattern RFC_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_NAME_LENGTH = 63;

    private NamespaceRules() {
    }

    /** Throws {@link InvalidRequestException} naming the first rule {@code namespace} breaks. */
    public static void check(FunctionNamespace namespace) {
        checkName(namespace.name());
        String label = namespace.labels().get(OPENFAAS_LABEL);
        if (!"1".equals(label) && !"true".equals(label)) {
            throw new InvalidRequestException("Namespace \"" + namespace.name() + "\" must carry the label "
                    + OPENFAAS_LABEL + "=1 (e.g. {\"name\":\"" + namespace.name()
                    + "\",\"labels\":{\"openfaas\":\"1\"}})");
        }
    }

    /** Throws {@link InvalidRequestException} unless {@code name} is a valid namespace name. */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw new InvalidRequestException("Namespace not specified in request body");
        }
        if (name.length() > MAX_NAME_LENGTH || !RFC_1123_LABEL.matcher(name).matches()) {
            throw new InvalidRequestException("Invalid namespace \"" + name + "\": it must be an RFC 1123 label:"
                    + " at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
    }
}
