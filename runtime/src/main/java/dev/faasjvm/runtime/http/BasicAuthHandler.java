package dev.faasjvm.runtime.http;

import dev.faasjvm.runtime.auth.BasicCredentials;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Guards a {@code /system/*} route with basic auth, as faas-provider's {@code auth} decorator does:
 * without the right credentials the answer is 401, {@code WWW-Authenticate: Basic
 * realm="Restricted"} and the text {@code invalid credentials}, and the route never runs.
 * Thread-safe.
 */
final class BasicAuthHandler extends Handler.Wrapper {
    static final String CHALLENGE = "Basic realm=\"Restricted\"";

    private final BasicCredentials credentials;

    BasicAuthHandler(Handler route, BasicCredentials credentials) {
        super(route);
        this.credentials = credentials;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (credentials.matches(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CHALLENGE);
        Exchange.text(response, callback, 401, "invalid credentials");
        return true;
    }
}
