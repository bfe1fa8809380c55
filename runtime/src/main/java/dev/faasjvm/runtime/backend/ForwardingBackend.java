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
 * A back-end that passes every operation to another: the base of decorators that change a few
 * (Guava's {@code Forwarding*} idea), so that each states only what it adds. Thread-safe if the
 * delegate is.
 */
public abstract class ForwardingBackend implements ProviderBackend {
    private final ProviderBackend delegate;

    protected ForwardingBackend(ProviderBackend delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    /** The back-end every operation goes to. */
    protected final ProviderBackend delegate() {
        return delegate;
    }

    @Override
    public void deploy(FunctionDeployment deployment) {
        delegate.deploy(deployment);
    }

    @Override
    public void update(FunctionDeployment deployment) {
        delegate.update(deployment);
    }

    @Override
    public void delete(String name, String namespace) {
        delegate.delete(name, namespace);
    }

    @Override
    public void scale(String name, String namespace, long replicas) {
        delegate.scale(name, namespace, replicas);
    }

    @Override
    public List<FunctionStatus> list(String namespace) {
        return delegate.list(namespace);
    }

    @Override
    public Optional<FunctionStatus> status(String name, String namespace) {
        return delegate.status(name, namespace);
    }

    @Override
    public ProviderInfo info() {
        return delegate.info();
    }

    @Override
    public List<String> namespaces() {
        return delegate.namespaces();
    }

    @Override
    public Optional<FunctionNamespace> namespace(String name) {
        return delegate.namespace(name);
    }

    @Override
    public void createNamespace(FunctionNamespace namespace) {
        delegate.createNamespace(namespace);
    }

    @Override
    public void updateNamespace(FunctionNamespace namespace) {
        delegate.updateNamespace(namespace);
    }

    @Override
    public void deleteNamespace(String name) {
        delegate.deleteNamespace(name);
    }

    @Override
    public List<SecretSummary> secrets(String namespace) {
        return delegate.secrets(namespace);
    }

    @Override
    public void createSecret(Secret secret) {
        delegate.createSecret(secret);
    }

    @Override
    public void updateSecret(Secret secret) {
        delegate.updateSecret(secret);
    }

    @Override
    public void deleteSecret(String name, String namespace) {
        delegate.deleteSecret(name, namespace);
    }

    @Override
    public LogStream logs(LogRequest request) {
        return delegate.logs(request);
    }

    @Override
    public StateReport state() {
        return delegate.state();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public CompletableFuture<FunctionResponse> invoke(String name, String namespace, Invocation invocation) {
        return delegate.invoke(name, namespace, invocation);
    }
}
