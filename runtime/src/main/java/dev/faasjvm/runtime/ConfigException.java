package dev.faasjvm.runtime;

/** A setting is invalid; the message names the option or variable, the value, and what to do. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
