/**
 * Runs an AWS Lambda function behind an HTTP call, as a Lambda function URL (API Gateway HTTP API
 * payload format 2.0) would: the call becomes the 2.0 event ({@link LambdaEvents}), the handler is
 * found and called by the rules of Lambda's runtime interface client ({@link LambdaHandlers}, a port
 * of its {@code EventHandlerLoader}), and its result is mapped back as function URLs map it
 * ({@link FunctionUrlResponses}). The {@code Context} comes from the call and the deployment, and its
 * {@code LambdaLogger} writes to the function's log.
 *
 * <p>JSON is read and written by a Jackson mapper configured as Lambda's own serializer is, one per
 * function generation, never the runtime's shared one: a shared mapper's caches would keep a deleted
 * function's classes reachable. Depends on the API, Lambda's core API, Jackson and the loader's
 * {@code HandlerClass}.
 */
package dev.faasjvm.runtime.platform.lambda;
