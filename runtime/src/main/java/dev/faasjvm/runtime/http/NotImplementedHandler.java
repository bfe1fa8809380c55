package dev.faasjvm.runtime.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A route of the contract that this version does not serve yet: 501 with a plain message, as
 * faas-provider's own stub answers, which the gateway and faas-cli report as "not implemented".
 */
final class NotImplementedHandler extends Handler.Abstract.NonBlocking {
    private final String feature;

    NotImplementedHandler(String feature) {
        this.feature = feature;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange.text(response, callback, 501, feature + " is not implemented in this version of faas-jvm");
        return true;
    }
}
