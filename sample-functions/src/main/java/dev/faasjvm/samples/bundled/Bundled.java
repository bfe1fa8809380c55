package dev.faasjvm.samples.bundled;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSortedMap;
import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;

/**
 * A function with large libraries bundled: Guava and Jackson, about 3,000 classes, to measure
 * what loading (and rewriting) a real-sized function costs. Answers its request's query
 * parameters as JSON, sorted by Guava and written by Jackson.
 */
public final class Bundled implements FunctionHandler {
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public FunctionResponse handle(FunctionRequest request) throws Exception {
        return FunctionResponse.json(json.writeValueAsString(ImmutableSortedMap.copyOf(request.queryParameters())));
    }
}
