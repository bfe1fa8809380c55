package dev.faasjvm.runtime.platform.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code LambdaLogger} that writes to the function's log: each message goes to {@code System.out}
 * as one line, from the calling thread, which the runtime's output capture attributes to the
 * function whose replica the thread serves. Lambda frames each {@code log} call as one log event;
 * here a message without a final line break gets one, so that it is not held back until the
 * next. Stateless and thread-safe.
 */
final class FunctionLogLambdaLogger implements LambdaLogger {
    static final FunctionLogLambdaLogger INSTANCE = new FunctionLogLambdaLogger();

    private FunctionLogLambdaLogger() {
    }

    @Override
    public void log(String message) {
        String text = String.valueOf(message);
        PrintStream out = System.out;
        if (text.endsWith("\n")) {
            out.print(text);
        } else {
            out.println(text);
        }
        out.flush();
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
