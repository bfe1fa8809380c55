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
    /** As the OpenFaaS gateway's: queues the call and answers 202 (issue 15). */
    public static final String ASYNC_FUNCTION = "/async-function/";
    /** faas-jvm's own: the asynchronous calls' queues and dead letters. */
    public static final String SYSTEM_ASYNC = "/system/async";
    public static final String HEALTHZ = "/healthz";
    public static final String METRICS = "/metrics";

    private Routes() {
    }
}
