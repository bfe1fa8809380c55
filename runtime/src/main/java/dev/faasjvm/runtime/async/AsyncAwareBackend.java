package dev.faasjvm.runtime.async;

import dev.faasjvm.runtime.backend.ForwardingBackend;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.FunctionDeployment;

/**
 * A back-end that keeps the {@link AsyncQueue} in step with the functions: a deployment's async
 * settings are checked before it is deployed or updated (a bad value is a 400 naming it), a delete
 * dead-letters the function's queued calls, and an update or scale makes the queue read the
 * function's settings again. Everything else passes through. Thread-safe.
 */
public final class AsyncAwareBackend extends ForwardingBackend {
    private final AsyncQueue queue;
    private final AsyncConfig config;

    public AsyncAwareBackend(ProviderBackend delegate, AsyncQueue queue, AsyncConfig config) {
        super(delegate);
        this.queue = queue;
        this.config = config;
    }

    @Override
    public void deploy(FunctionDeployment deployment) {
        AsyncSettings.check(deployment, config);
        super.deploy(deployment);
    }

    @Override
    public void update(FunctionDeployment deployment) {
        AsyncSettings.check(deployment, config);
        super.update(deployment);
        String namespace = deployment.namespace();
        queue.changed(deployment.service(), namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace);
    }

    @Override
    public void delete(String name, String namespace) {
        super.delete(name, namespace);
        queue.deleted(name, namespace);
    }

    @Override
    public void scale(String name, String namespace, long replicas) {
        super.scale(name, namespace, replicas);
        queue.changed(name, namespace);
    }
}
