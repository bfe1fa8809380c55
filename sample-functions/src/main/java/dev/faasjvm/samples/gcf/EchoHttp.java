package dev.faasjvm.samples.gcf;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP function that answers, one per line, what it was given: method, URI, path, query and its
 * parameters, a header, and the body, or for a {@code multipart/form-data} body each part's name, file
 * name and content. {@code ?status=} sets the status.
 */
public class EchoHttp implements HttpFunction {

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
        response.setContentType("text/plain; charset=utf-8");
        response.appendHeader("X-Echo", "one");
        response.appendHeader("X-Echo", "two");
        request.getFirstQueryParameter("status").ifPresent(status -> response.setStatusCode(Integer.parseInt(status)));
        BufferedWriter writer = response.getWriter();
        writer.write("method=" + request.getMethod() + "\n");
        writer.write("uri=" + request.getUri() + "\n");
        writer.write("path=" + request.getPath() + "\n");
        writer.write("query=" + request.getQuery().orElse("") + "\n");
        writer.write("name=" + request.getQueryParameters().get("name") + "\n");
        writer.write("header.x-greeting=" + request.getFirstHeader("x-greeting").orElse("") + "\n");
        writer.write("contentLength=" + request.getContentLength() + "\n");
        if (request.getContentType().orElse("").startsWith("multipart/form-data")) {
            for (Map.Entry<String, HttpRequest.HttpPart> part : request.getParts().entrySet()) {
                String content = part.getValue().getReader().lines().collect(Collectors.joining("\n"));
                writer.write("part." + part.getKey() + "=" + part.getValue().getFileName().orElse("") + ":"
                        + part.getValue().getContentType().orElse("") + ":" + content + "\n");
            }
        } else {
            writer.write("body=" + request.getReader().lines().collect(Collectors.joining("\n")) + "\n");
        }
    }
}
