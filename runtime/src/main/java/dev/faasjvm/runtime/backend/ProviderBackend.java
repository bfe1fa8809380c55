package dev.faasjvm.runtime.backend;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.ProviderInfo;
import dev.faasjvm.runtime.wire.Secret;
import dev.faasjvm.runtime.wire.SecretSummary;
import dev.faasjvm.runtime.wire.StateReport;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a provider does, one method per faas-provider handler slot. Namespaces arrive already
 * defaulted: an empty namespace from a client has become {@link #DEFAULT_NAMESPACE} before it gets
 * here. A namespace that does not exist is an {@link InvalidRequestException} (400) on every
 * operation that takes one. Failures are the exceptions of this package; implementations are
 * thread-safe. Namespace management, secrets and logs are optional, as in faas-provider: a back-end
 * that does not offer them keeps the defaults, which answer 501 ({@link NotImplementedException}).
 */
public interface ProviderBackend {

    /** The namespace of functions deployed without one, as in faasd and faas-netes. */
    String DEFAULT_NAMESPACE = "openfaas-fn";

    /** {@code GET /system/functions}: every function of a namespace, in name order. */
    List<FunctionStatus> list(String namespace);

    /** {@code POST /system/functions}: loads the function and registers it once it is callable. */
    void deploy(FunctionDeployment deployment);

    /** {@code PUT /system/functions}: replaces a function's spec; the old one serves until then. */
    void update(FunctionDeployment deployment);

    /** {@code DELETE /system/functions}: stops routing to the function and releases it. */
    void delete(String name, String namespace);

    /** {@code GET /system/function/{name}}: one function's status, or empty when there is none. */
    Optional<FunctionStatus> status(String name, String namespace);

    /** {@code POST /system/scale-function/{name}}: sets the desired number of replicas. */
    void scale(String name, String namespace, long replicas);

    /** {@code GET /system/info}. */
    ProviderInfo info();

    /** {@code GET /system/namespaces}: every namespace functions may be deployed in, the default first. */
    List<String> namespaces();

    /** {@code GET /system/namespace/{name}}: one namespace, or empty when there is none. */
    default Optional<FunctionNamespace> namespace(String name) {
        throw notImplemented("Namespace management");
    }

    /** {@code POST /system/namespace/}: creates a namespace; {@link ConflictException} if it exists. */
    default void createNamespace(FunctionNamespace namespace) {
        throw notImplemented("Namespace management");
    }

    /** {@code PUT /system/namespace/{name}}: replaces a namespace's labels and annotations. */
    default void updateNamespace(FunctionNamespace namespace) {
        throw notImplemented("Namespace management");
    }

    /**
     * {@code DELETE /system/namespace/{name}}: deletes an empty namespace; one that still holds
     * functions or secrets is refused with a {@link ConflictException} that names them.
     */
    default void deleteNamespace(String name) {
        throw notImplemented("Namespace management");
    }

    /** {@code GET /system/secrets}: the names of a namespace's secrets, never their values. */
    default List<SecretSummary> secrets(String namespace) {
        throw notImplemented("Secrets");
    }

    /**
     * {@code POST /system/secrets}: stores a new secret. Its namespace is already defaulted; its
     * value is {@link Secret#effectiveValue()}.
     */
    default void createSecret(Secret secret) {
        throw notImplemented("Secrets");
    }

    /** {@code PUT /system/secrets}: replaces a secret's value; running functions keep the old one. */
    default void updateSecret(Secret secret) {
        throw notImplemented("Secrets");
    }

    /** {@code DELETE /system/secrets}: forgets a secret. */
    default void deleteSecret(String name, String namespace) {
        throw notImplemented("Secrets");
    }

    /**
     * {@code GET /system/logs}: a function's buffered log lines and, if asked, the ones it prints
     * next. The caller closes the stream.
     *
     * @throws FunctionNotFoundException if the function does not exist
     */
    default LogStream logs(LogRequest request) {
        throw notImplemented("Logs");
    }

    /**
     * Whether the back-end has finished starting (faas-jvm: restored every stored function), for
     * {@code GET /healthz?ready=1}; liveness ({@code /healthz}) does not wait for it.
     */
    default boolean isReady() {
        return true;
    }

    /**
     * faas-jvm's own {@code GET /system/state}: what was restored at start and which stored entries
     * could not be. A back-end that keeps no state answers that it restored nothing.
     */
    default StateReport state() {
        return StateReport.none("no state kept");
    }

    /**
     * {@code /function/{name}.{namespace}/...}: runs one call. The future completes with the
     * function's response, or exceptionally with one of this package's exceptions (never with a
     * user exception: those are already a {@code 500} {@link InvocationFailedException}).
     */
    CompletableFuture<FunctionResponse> invoke(String name, String namespace, Invocation invocation);

    /** The answer of an operation this back-end does not offer: 501, as faas-provider's stubs answer. */
    private static NotImplementedException notImplemented(String feature) {
        return new NotImplementedException(feature + " is not implemented by this provider");
    }
}
