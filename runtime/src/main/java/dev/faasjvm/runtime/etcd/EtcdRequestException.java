package dev.faasjvm.runtime.etcd;

/** etcd refused a request (bad auth, permission denied, a malformed request): not a matter of waiting. */
public final class EtcdRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EtcdRequestException(String message) {
        super(message);
    }
}
