package dev.faasjvm.runtime.registry;

import dev.faasjvm.api.FunctionContext;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.runtime.binding.JsonFunctionHandler;
import dev.faasjvm.runtime.loader.HandlerClass;
import dev.faasjvm.runtime.loader.HandlerKind;
import dev.faasjvm.runtime.platform.HandlerAdapter;
import dev.faasjvm.runtime.platform.PlatformDeployment;
import dev.faasjvm.runtime.platform.gcf.GcfCloudEventHandler;
import dev.faasjvm.runtime.platform.gcf.GcfFunctionHandler;
import dev.faasjvm.runtime.platform.lambda.LambdaFunctionHandler;
import dev.faasjvm.runtime.platform.openfaas.OpenFaasTemplateHandler;
import java.util.function.Function;

/**
 * Creates a generation's handler instances and adapts each to {@link FunctionHandler}: a
 * {@code FunctionHandler} is called as it is, a {@code java.util.function.Function} through
 * {@link JsonFunctionHandler}, and a handler written for another platform through that platform's
 * adapter (issue 14), which is resolved here, before any instance exists, so a handler its platform
 * could not call fails the deploy.
 */
final class HandlerFactory {
    private final HandlerClass handlerClass;
    private final HandlerAdapter platformAdapter;

    HandlerFactory(HandlerClass handlerClass, PlatformDeployment deployment) {
        this.handlerClass = handlerClass;
        this.platformAdapter = platformAdapter(handlerClass, deployment);
    }

    private static HandlerAdapter platformAdapter(HandlerClass handlerClass, PlatformDeployment deployment) {
        switch (handlerClass.kind()) {
            case OPENFAAS_TEMPLATE:
                return OpenFaasTemplateHandler::of;
            case LAMBDA:
                return LambdaFunctionHandler.adapter(handlerClass, deployment);
            case GCF_HTTP:
                return GcfFunctionHandler::of;
            case GCF_CLOUD_EVENT:
                return GcfCloudEventHandler::of;
            default:
                return null;
        }
    }

    Object create(FunctionContext context) {
        return handlerClass.newInstance(context);
    }

    FunctionHandler adapt(Object instance) {
        if (platformAdapter != null) {
            return platformAdapter.adapt(instance);
        }
        return handlerClass.kind() == HandlerKind.HANDLER
                ? (FunctionHandler) instance
                : JsonFunctionHandler.of((Function<?, ?>) instance);
    }
}
