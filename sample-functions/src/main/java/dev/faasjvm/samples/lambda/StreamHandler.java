package dev.faasjvm.samples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A stream handler that writes back the event it was given, byte for byte. */
public class StreamHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream inputStream, OutputStream outputStream, Context context)
            throws IOException {
        context.getLogger().log("StreamHandler echoing " + context.getAwsRequestId());
        inputStream.transferTo(outputStream);
    }
}
