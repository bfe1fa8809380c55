package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.wire.FunctionDeployment;

/**
 * The cluster-wide replica count of a deployment from its OpenFaaS labels, read as a single node
 * reads them ({@code com.openfaas.scale.min}, default 1; {@code com.openfaas.scale.max}, at most
 * 1000). The local deploy has already refused labels that are not numbers. Stateless.
 */
final class Replicas {
    static final String SCALE_MIN = "com.openfaas.scale.min";
    static final String SCALE_MAX = "com.openfaas.scale.max";
    private static final int LIMIT = 1000;

    private Replicas() {
    }

    static int min(FunctionDeployment spec) {
        return Math.min(label(spec, SCALE_MIN, 1), max(spec));
    }

    static int clamp(FunctionDeployment spec, long requested) {
        return (int) Math.min(requested, max(spec));
    }

    private static int max(FunctionDeployment spec) {
        return Math.min(label(spec, SCALE_MAX, LIMIT), LIMIT);
    }

    private static int label(FunctionDeployment spec, String name, int fallback) {
        String value = spec.labels().get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
