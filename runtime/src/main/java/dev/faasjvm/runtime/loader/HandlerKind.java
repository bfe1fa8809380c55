package dev.faasjvm.runtime.loader;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import com.openfaas.model.IHandler;
import dev.faasjvm.api.FunctionHandler;
import java.util.function.Function;

/** The shapes of class the runtime can call as a function. */
public enum HandlerKind {
    /** Implements {@link FunctionHandler}: called with the request, returns the response. */
    HANDLER(FunctionHandler.class),
    /** Implements {@link Function}: the JSON body is bound to its input, its output written as JSON. */
    FUNCTION(Function.class),
    /** The OpenFaaS Java templates' {@code com.openfaas.function.Handler}: implements {@link IHandler}. */
    OPENFAAS_TEMPLATE(IHandler.class),
    /**
     * An AWS Lambda handler: implements {@link RequestHandler} or {@link RequestStreamHandler}, or is
     * any class whose method {@code envProcess} names as {@code Class::method}.
     */
    LAMBDA(RequestHandler.class),
    /** A Google Cloud Functions HTTP function: implements {@link HttpFunction}. */
    GCF_HTTP(HttpFunction.class),
    /** A Google Cloud Functions CloudEvents function: implements {@link CloudEventsFunction}. */
    GCF_CLOUD_EVENT(CloudEventsFunction.class);

    private final Class<?> contract;

    HandlerKind(Class<?> contract) {
        this.contract = contract;
    }

    /** The interface a class implements to be of this kind ({@code RequestHandler} stands for Lambda's). */
    public Class<?> contract() {
        return contract;
    }

    /**
     * The kind of {@code type}, preferring {@link #HANDLER}, then {@link #FUNCTION}, when it implements
     * several, or null.
     */
    static HandlerKind of(Class<?> type) {
        if (FunctionHandler.class.isAssignableFrom(type)) {
            return HANDLER;
        }
        if (Function.class.isAssignableFrom(type)) {
            return FUNCTION;
        }
        if (IHandler.class.isAssignableFrom(type)) {
            return OPENFAAS_TEMPLATE;
        }
        if (RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type)) {
            return LAMBDA;
        }
        if (HttpFunction.class.isAssignableFrom(type)) {
            return GCF_HTTP;
        }
        return CloudEventsFunction.class.isAssignableFrom(type) ? GCF_CLOUD_EVENT : null;
    }
}
