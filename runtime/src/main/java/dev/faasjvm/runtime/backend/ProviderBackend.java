package dev.faasjvm.runtime.backend;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.ProviderInfo;
import dev.faasjvm.runtime.wire.StateReport;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a provider does, one method per faas-provider handler slot. Namespaces arrive already
 * defaulted: an empty namespace from a client has become {@link #DEFAULT_NAMESPACE} before it gets
 * here. Failures are the exceptions of this package; implementations are thread-safe.
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

    /** {@code GET /system/namespaces}: every namespace functions may be deployed in. */
    List<String> namespaces();

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
}
