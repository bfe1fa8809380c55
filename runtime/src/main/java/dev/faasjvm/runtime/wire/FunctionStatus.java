package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * faas-provider {@code types.FunctionStatus}: one item of {@code GET /system/functions} and the
 * body of {@code GET /system/function/{name}}, the deployed spec plus its status. Always written:
 * {@code name}, {@code image}, {@code labels} and {@code annotations} (as {@code {}} when empty, since
 * providers set the Go pointers) and {@code createdAt}; {@code replicas}, {@code availableReplicas}
 * and {@code invocationCount} vanish when 0, so consumers must read a missing count as 0. Absent
 * strings and collections are empty, a missing {@code createdAt} is Go's zero time. Immutable.
 */
public record FunctionStatus(
        @JsonProperty("name") String name,
        @JsonProperty("image") String image,
        @JsonProperty("namespace") @JsonInclude(Include.NON_EMPTY) String namespace,
        @JsonProperty("envProcess") @JsonInclude(Include.NON_EMPTY) String envProcess,
        @JsonProperty("envVars") @JsonInclude(Include.NON_EMPTY) Map<String, String> envVars,
        @JsonProperty("constraints") @JsonInclude(Include.NON_EMPTY) List<String> constraints,
        @JsonProperty("secrets") @JsonInclude(Include.NON_EMPTY) List<String> secrets,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("annotations") Map<String, String> annotations,
        @JsonProperty("limits") @JsonInclude(Include.NON_NULL) FunctionResources limits,
        @JsonProperty("requests") @JsonInclude(Include.NON_NULL) FunctionResources requests,
        @JsonProperty("readOnlyRootFilesystem") @JsonInclude(Include.NON_DEFAULT)
                boolean readOnlyRootFilesystem,
        @JsonProperty("invocationCount") @JsonInclude(Include.NON_DEFAULT) double invocationCount,
        @JsonProperty("replicas") @JsonInclude(Include.NON_DEFAULT)
                @JsonDeserialize(using = GoNumbers.Uint64Deserializer.class) long replicas,
        @JsonProperty("availableReplicas") @JsonInclude(Include.NON_DEFAULT)
                @JsonDeserialize(using = GoNumbers.Uint64Deserializer.class) long availableReplicas,
        @JsonProperty("createdAt") Instant createdAt,
        @JsonProperty("usage") @JsonInclude(Include.NON_NULL) FunctionUsage usage) {

    /**
     * Normalises absent values to Go's zero values.
     *
     * @throws IllegalArgumentException if {@code replicas} or {@code availableReplicas} is negative
     */
    public FunctionStatus {
        name = ZeroValues.string(name);
        image = ZeroValues.string(image);
        namespace = ZeroValues.string(namespace);
        envProcess = ZeroValues.string(envProcess);
        envVars = ZeroValues.map(envVars);
        constraints = ZeroValues.list(constraints);
        secrets = ZeroValues.list(secrets);
        labels = ZeroValues.map(labels);
        annotations = ZeroValues.map(annotations);
        ZeroValues.uint64(replicas, "replicas");
        ZeroValues.uint64(availableReplicas, "availableReplicas");
        createdAt = ZeroValues.time(createdAt);
    }

    /**
     * The status of a deployed spec: every spec field is copied ({@code service} becomes
     * {@code name}) and {@code usage} is left out.
     *
     * @throws IllegalArgumentException if a replica count is negative
     */
    public static FunctionStatus of(FunctionDeployment spec, long replicas, long availableReplicas,
            double invocationCount, Instant createdAt) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(createdAt, "createdAt");
        return new FunctionStatus(spec.service(), spec.image(), spec.namespace(), spec.envProcess(),
                spec.envVars(), spec.constraints(), spec.secrets(), spec.labels(), spec.annotations(),
                spec.limits(), spec.requests(), spec.readOnlyRootFilesystem(), invocationCount,
                replicas, availableReplicas, createdAt, null);
    }

    /** This status with {@code usage} (resource use summed over the function's replicas). */
    public FunctionStatus withUsage(FunctionUsage newUsage) {
        return new FunctionStatus(name, image, namespace, envProcess, envVars, constraints, secrets, labels,
                annotations, limits, requests, readOnlyRootFilesystem, invocationCount, replicas, availableReplicas,
                createdAt, newUsage);
    }

    /** This status with another {@code invocationCount}, e.g. read from the runtime's counters. */
    public FunctionStatus withInvocationCount(double count) {
        return new FunctionStatus(name, image, namespace, envProcess, envVars, constraints, secrets, labels,
                annotations, limits, requests, readOnlyRootFilesystem, count, replicas, availableReplicas, createdAt,
                usage);
    }
}
