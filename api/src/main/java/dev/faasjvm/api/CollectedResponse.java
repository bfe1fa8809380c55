package dev.faasjvm.api;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A {@link ResponseStream} that is never committed: it collects the whole response in memory. */
final class CollectedResponse implements ResponseStream {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;

    @Override
    public void setStatus(int newStatus) {
        if (newStatus < 100 || newStatus > 599) {
            throw new IllegalArgumentException("Status must be from 100 to 599, not " + newStatus);
        }
        status = newStatus;
    }

    @Override
    public void addHeader(String name, String value) {
        Objects.requireNonNull(value, "value");
        headers.computeIfAbsent(Objects.requireNonNull(name, "name"), ignored -> new ArrayList<>()).add(value);
    }

    @Override
    public void setHeader(String name, String value) {
        Objects.requireNonNull(value, "value");
        headers.keySet().removeIf(Objects.requireNonNull(name, "name")::equalsIgnoreCase);
        addHeader(name, value);
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public OutputStream body() {
        return body;
    }

    FunctionResponse toResponse() {
        return new FunctionResponse(status, headers, body.toByteArray());
    }
}
