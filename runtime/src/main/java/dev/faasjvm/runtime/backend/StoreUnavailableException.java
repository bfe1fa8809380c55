package dev.faasjvm.runtime.backend;

/**
 * 503: the shared store that holds the desired state (etcd, in a cluster) cannot take a change now
 * (no quorum, no member answers), so the change was not made. The message names the store; calls
 * of deployed functions go on being served meanwhile.
 */
public final class StoreUnavailableException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
