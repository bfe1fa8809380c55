package dev.faasjvm.runtime.platform.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.loader.FunctionLoadException;
import dev.faasjvm.runtime.loader.HandlerClass;
import dev.faasjvm.runtime.loader.MissingClasses;
import dev.faasjvm.runtime.platform.HandlerAdapter;
import dev.faasjvm.runtime.platform.PlatformDeployment;
import java.time.Clock;
import java.time.Instant;

/**
 * Calls an AWS Lambda handler for an HTTP call as a function URL would: the call becomes the 2.0
 * event, the handler's result the HTTP response. Thread-safe if the handler is: Lambda calls one
 * instance from one thread at a time, faas-jvm from up to {@code max_inflight} at once.
 */
public final class LambdaFunctionHandler implements FunctionHandler {
    private final Object instance;
    private final LambdaEntry entry;
    private final ObjectMapper mapper;
    private final PlatformDeployment deployment;
    private final Clock clock;

    private LambdaFunctionHandler(Object instance, LambdaEntry entry, ObjectMapper mapper,
            PlatformDeployment deployment, Clock clock) {
        this.instance = instance;
        this.entry = entry;
        this.mapper = mapper;
        this.deployment = deployment;
        this.clock = clock;
    }

    /**
     * Resolves the handler by Lambda's rules and answers the adapter for its instances.
     *
     * @throws FunctionLoadException naming why Lambda could not call it, or the class it needs and lacks
     */
    public static HandlerAdapter adapter(HandlerClass handler, PlatformDeployment deployment) {
        LambdaJson json = LambdaJson.forLoader(handler.type().getClassLoader());
        LambdaEntry entry;
        try {
            entry = LambdaHandlers.resolve(handler.type(), handler.method(), json);
        } catch (FunctionLoadException e) {
            throw e;
        } catch (LinkageError | RuntimeException e) {
            throw new FunctionLoadException("Lambda handler \"" + handler.type().getName()
                    + (handler.method().isEmpty() ? "" : "::" + handler.method()) + "\" cannot be loaded: "
                    + MissingClasses.describe(e), e);
        }
        return instance -> new LambdaFunctionHandler(instance, entry, json.mapper(), deployment, Clock.systemUTC());
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) throws Exception {
        Instant now = clock.instant();
        byte[] event = LambdaEvents.of(request, deployment.function(), now);
        LambdaContext context = new LambdaContext(request.callId(), deployment, request.context().replicaId(),
                request.deadline().orElse(null), clock, FunctionLogLambdaLogger.INSTANCE);
        return FunctionUrlResponses.of(entry.call(instance, event, context), mapper);
    }
}
