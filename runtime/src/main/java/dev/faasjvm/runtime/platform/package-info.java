/**
 * Runs functions written for other platforms unmodified: one sub-package per platform (the OpenFaaS
 * Java templates, AWS Lambda, Google Cloud Functions) turns the HTTP call, as a
 * {@code FunctionRequest}, into that platform's request, calls the function as that platform
 * would, and turns its answer back into a {@code FunctionResponse}. Each adapter is a
 * {@code FunctionHandler}, so the core invocation path knows nothing of these platforms; the
 * platform APIs' classes reach functions through the loader's API-only class loader, so a function
 * and its adapter share them.
 *
 * <p>Nothing here knows Jetty, the registry or the HTTP layer: the registry picks the adapter for a
 * handler's {@code HandlerKind}. This package holds what the platforms share ({@link HandlerAdapter},
 * {@link PlatformDeployment}, {@link CallOrigin}); the sub-packages depend on it, never the reverse.
 */
package dev.faasjvm.runtime.platform;
