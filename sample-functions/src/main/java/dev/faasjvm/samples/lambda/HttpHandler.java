package dev.faasjvm.samples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function URL handler: answers, one per line, the event fields and the context it was given, with
 * status 201, a header and a cookie; a base64 body comes back base64 as it came.
 */
public class HttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("HttpHandler called for " + event.getRawPath());
        if (event.getIsBase64Encoded()) {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                    .withBody(event.getBody())
                    .withIsBase64Encoded(true)
                    .build();
        }
        APIGatewayV2HTTPEvent.RequestContext request = event.getRequestContext();
        StringBuilder body = new StringBuilder()
                .append("version=").append(event.getVersion()).append('\n')
                .append("routeKey=").append(event.getRouteKey()).append('\n')
                .append("rawPath=").append(event.getRawPath()).append('\n')
                .append("rawQueryString=").append(event.getRawQueryString()).append('\n')
                .append("cookies=").append(event.getCookies()).append('\n')
                .append("queryStringParameters=").append(sorted(event.getQueryStringParameters())).append('\n')
                .append("header.x-greeting=").append(event.getHeaders().get("x-greeting")).append('\n')
                .append("method=").append(request.getHttp().getMethod()).append('\n')
                .append("path=").append(request.getHttp().getPath()).append('\n')
                .append("protocol=").append(request.getHttp().getProtocol()).append('\n')
                .append("sourceIp=").append(request.getHttp().getSourceIp()).append('\n')
                .append("userAgent=").append(request.getHttp().getUserAgent()).append('\n')
                .append("requestId=").append(request.getRequestId()).append('\n')
                .append("timeEpoch=").append(request.getTimeEpoch()).append('\n')
                .append("body=").append(event.getBody()).append('\n')
                .append("isBase64Encoded=").append(event.getIsBase64Encoded()).append('\n')
                .append("context.awsRequestId=").append(context.getAwsRequestId()).append('\n')
                .append("context.functionName=").append(context.getFunctionName()).append('\n')
                .append("context.functionVersion=").append(context.getFunctionVersion()).append('\n')
                .append("context.memoryLimitInMB=").append(context.getMemoryLimitInMB()).append('\n')
                .append("context.hasTimeLeft=").append(context.getRemainingTimeInMillis() > 0).append('\n');
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "text/plain", "X-Handled-By", "lambda"))
                .withCookies(List.of("session=abc; Path=/", "theme=dark"))
                .withBody(body.toString())
                .build();
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? null : new TreeMap<>(map);
    }
}
