package dev.faasjvm.runtime.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Any path outside the contract: 404 with the body Go's router sends. */
final class NotFoundHandler extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange.text(response, callback, 404, "404 page not found");
        return true;
    }
}
