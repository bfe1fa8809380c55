package dev.faasjvm.runtime.platform.gcf;

import com.google.cloud.functions.CloudEventsFunction;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Calls a Google Cloud Functions {@code CloudEventsFunction} with the CloudEvent an HTTP call carries,
 * read as Google's invoker reads it: in structured mode when the {@code Content-Type} is
 * {@code application/cloudevents+json} (the whole event is the JSON body), else in binary mode when a
 * {@code ce-specversion} header is present (each {@code ce-<name>} header is the attribute or extension
 * {@code <name>}, its value as sent; {@code Content-Type} is {@code datacontenttype}; the body is the
 * data). The answer is an empty {@code 200} once the function returns, as the invoker's; a call that
 * carries no valid CloudEvent is a {@code 400} that says what is missing. Thread-safe if the function is.
 */
public final class GcfCloudEventHandler implements FunctionHandler {
    private static final String STRUCTURED = "application/cloudevents+json";
    private static final String BINARY_PREFIX = "ce-";
    /** Jackson's CloudEvents format, made directly: looking it up through ServiceLoader would search the function's loader. */
    private static final JsonFormat JSON = new JsonFormat();
    private static final byte[] EMPTY = new byte[0];

    private final CloudEventsFunction function;

    private GcfCloudEventHandler(CloudEventsFunction function) {
        this.function = function;
    }

    /** Wraps one instance of the function's class. */
    public static GcfCloudEventHandler of(Object function) {
        return new GcfCloudEventHandler((CloudEventsFunction) Objects.requireNonNull(function, "function"));
    }

    @Override
    public FunctionResponse handle(FunctionRequest request) throws Exception {
        CloudEvent event;
        try {
            event = read(request);
        } catch (CloudEventRWException | EventDeserializationException | IllegalStateException
                | IllegalArgumentException bad) {
            return FunctionResponse.text(400, "Not a valid CloudEvent for this CloudEventsFunction: "
                    + bad.getMessage() + "\n");
        }
        function.accept(event);
        return FunctionResponse.of(200, EMPTY);
    }

    private static CloudEvent read(FunctionRequest request) {
        String contentType = request.header("Content-Type").orElse("");
        if (contentType.toLowerCase(Locale.ROOT).startsWith(STRUCTURED)) {
            return JSON.deserialize(request.body());
        }
        String specVersion = request.header("ce-specversion").orElseThrow(() -> new IllegalArgumentException(
                "send it in binary mode (headers ce-specversion, ce-id, ce-source, ce-type, the data as the body)"
                        + " or in structured mode (Content-Type " + STRUCTURED + ", the event as the JSON body);"
                        + " this call has neither a ce-specversion header nor that Content-Type"));
        CloudEventBuilder builder = CloudEventBuilder.fromSpecVersion(SpecVersion.parse(specVersion));
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(BINARY_PREFIX) && !name.equals("ce-specversion")) {
                for (String value : header.getValue()) {
                    builder.withContextAttribute(name.substring(BINARY_PREFIX.length()), value);
                }
            }
        }
        if (!contentType.isEmpty()) {
            builder.withDataContentType(contentType);
        }
        if (request.body().length > 0) {
            builder.withData(request.body());
        }
        return builder.build();
    }
}
