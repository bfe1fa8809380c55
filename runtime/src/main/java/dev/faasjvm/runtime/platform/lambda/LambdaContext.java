package dev.faasjvm.runtime.platform.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.faasjvm.runtime.platform.PlatformDeployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code Context} of one call: the request id is the call id, the function name and version are
 * the deployment's name and generation, the remaining time runs to the call's {@code exec_timeout}
 * deadline ({@link Integer#MAX_VALUE} when the call has none), and the memory limit is the
 * deployment's {@code limits.memory}. The log group and stream are named as Lambda names them, after
 * the function and its replica. No Cognito identity or client context: calls come over HTTP.
 * Immutable.
 */
final class LambdaContext implements Context {
    private final String requestId;
    private final PlatformDeployment deployment;
    private final String replicaId;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;

    LambdaContext(String requestId, PlatformDeployment deployment, String replicaId, Instant deadline, Clock clock,
            LambdaLogger logger) {
        this.requestId = requestId;
        this.deployment = deployment;
        this.replicaId = replicaId;
        this.deadline = deadline;
        this.clock = clock;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + deployment.function();
    }

    @Override
    public String getLogStreamName() {
        return replicaId;
    }

    @Override
    public String getFunctionName() {
        return deployment.function();
    }

    @Override
    public String getFunctionVersion() {
        return Integer.toString(deployment.generation());
    }

    /** An ARN of Lambda's shape, in a region and account that say the function runs in faas-jvm. */
    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:faas-jvm:000000000000:function:" + deployment.function();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        if (deadline == null) {
            return Integer.MAX_VALUE;
        }
        long left = Duration.between(clock.instant(), deadline).toMillis();
        return (int) Math.max(0, Math.min(left, Integer.MAX_VALUE));
    }

    @Override
    public int getMemoryLimitInMB() {
        return deployment.memoryLimitMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
