package dev.faasjvm.runtime.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * faas-provider {@code types.FunctionDeployment}: the body of {@code POST} and {@code PUT
 * /system/functions}. For faas-jvm, {@code image} is the function JAR's URL. Only {@code service}
 * and {@code image} are always written; the rest are {@code omitempty}. Absent strings and
 * collections are empty, never {@code null}; {@code limits} and {@code requests} may be
 * {@code null} (Go pointers). Immutable.
 */
public record FunctionDeployment(
        @JsonProperty("service") String service,
        @JsonProperty("image") String image,
        @JsonProperty("namespace") @JsonInclude(Include.NON_EMPTY) String namespace,
        @JsonProperty("envProcess") @JsonInclude(Include.NON_EMPTY) String envProcess,
        @JsonProperty("envVars") @JsonInclude(Include.NON_EMPTY) Map<String, String> envVars,
        @JsonProperty("constraints") @JsonInclude(Include.NON_EMPTY) List<String> constraints,
        @JsonProperty("secrets") @JsonInclude(Include.NON_EMPTY) List<String> secrets,
        @JsonProperty("labels") @JsonInclude(Include.NON_EMPTY) Map<String, String> labels,
        @JsonProperty("annotations") @JsonInclude(Include.NON_EMPTY) Map<String, String> annotations,
        @JsonProperty("limits") @JsonInclude(Include.NON_NULL) FunctionResources limits,
        @JsonProperty("requests") @JsonInclude(Include.NON_NULL) FunctionResources requests,
        @JsonProperty("readOnlyRootFilesystem") @JsonInclude(Include.NON_DEFAULT)
                boolean readOnlyRootFilesystem) {

    public FunctionDeployment {
        service = ZeroValues.string(service);
        image = ZeroValues.string(image);
        namespace = ZeroValues.string(namespace);
        envProcess = ZeroValues.string(envProcess);
        envVars = ZeroValues.map(envVars);
        constraints = ZeroValues.list(constraints);
        secrets = ZeroValues.list(secrets);
        labels = ZeroValues.map(labels);
        annotations = ZeroValues.map(annotations);
    }

    /** The minimal valid deployment: a name and an image, everything else empty. */
    public static FunctionDeployment of(String service, String image) {
        return new FunctionDeployment(service, image, "", "", Map.of(), List.of(), List.of(),
                Map.of(), Map.of(), null, null, false);
    }

    /** This deployment with these environment variables (OpenFaaS {@code envVars}) instead. */
    public FunctionDeployment withEnvVars(Map<String, String> newEnvVars) {
        return new FunctionDeployment(service, image, namespace, envProcess, newEnvVars, constraints, secrets,
                labels, annotations, limits, requests, readOnlyRootFilesystem);
    }

    /** This deployment with these labels (e.g. {@code com.openfaas.scale.min}) instead. */
    public FunctionDeployment withLabels(Map<String, String> newLabels) {
        return new FunctionDeployment(service, image, namespace, envProcess, envVars, constraints, secrets,
                newLabels, annotations, limits, requests, readOnlyRootFilesystem);
    }

    /** This deployment with this handler class (OpenFaaS {@code envProcess}) instead. */
    public FunctionDeployment withEnvProcess(String newEnvProcess) {
        return new FunctionDeployment(service, image, namespace, newEnvProcess, envVars, constraints, secrets,
                labels, annotations, limits, requests, readOnlyRootFilesystem);
    }
}
