package dev.faasjvm.runtime.etcd;

/**
 * etcd cannot take the request now: no member answers, or none has a leader and quorum. The
 * message names the endpoints and the last reason. Nothing was changed by the failed request
 * unless etcd committed it before its answer was lost, which a compare-and-set retry detects.
 */
public final class EtcdUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EtcdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
