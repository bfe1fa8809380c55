package dev.faasjvm.runtime.http;

/** The faas-provider routes, named after their paths so a search for a path finds its handler. */
public final class Routes {
    public static final String SYSTEM_FUNCTIONS = "/system/functions";
    public static final String SYSTEM_FUNCTION = "/system/function/";
    public static final String SYSTEM_SCALE_FUNCTION = "/system/scale-function/";
    public static final String SYSTEM_INFO = "/system/info";
    public static final String SYSTEM_SECRETS = "/system/secrets";
    public static final String SYSTEM_LOGS = "/system/logs";
    public static final String SYSTEM_NAMESPACES = "/system/namespaces";
    public static final String SYSTEM_NAMESPACE = "/system/namespace/";
    /** faas-jvm's own: what was restored from the state directory at start, and what could not be. */
    public static final String SYSTEM_STATE = "/system/state";
    public static final String FUNCTION = "/function/";
    public static final String HEALTHZ = "/healthz";
    public static final String METRICS = "/metrics";

    private Routes() {
    }
}
