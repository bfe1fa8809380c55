package dev.faasjvm.runtime.platform.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * A resolved Lambda handler, called as Lambda calls every handler: with the event's JSON, answering
 * the JSON Lambda would send back. Immutable and thread-safe; the handler instance is the caller's.
 */
interface LambdaEntry {
    /**
     * Calls the handler.
     *
     * @param instance the handler class's instance ({@code null} only for a static method)
     * @param event the event, as JSON
     * @param context the invocation's context
     * @return the result, as JSON
     * @throws Exception whatever the handler throws
     */
    byte[] call(Object instance, byte[] event, Context context) throws Exception;
}
