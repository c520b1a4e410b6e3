package io.skysync.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.skysync.error.ErrorCode;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.http.ApiRouter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The Lambda entry point for an API Gateway HTTP API (payload format 2.0): decodes the event, hands
 * it to the shared {@link ApiRouter}, encodes the answer. Nothing here decides anything.
 */
public final class SkysyncLambdaHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiRouter router;

    /** For the Lambda runtime: builds the clients once per container (and once per SnapStart snapshot). */
    public SkysyncLambdaHandler() {
        this(AwsComposition.fromEnvironment().router());
    }

    /** For tests and the local backend. */
    public SkysyncLambdaHandler(ApiRouter router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request;
        try {
            request = decode(event);
        } catch (IllegalArgumentException e) {
            return encode(ApiResponse.error(ErrorCode.INVALID_REQUEST, "the request body is not valid base64"));
        }
        return encode(router.handle(request));
    }

    static ApiRequest decode(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String method = context == null || context.getHttp() == null ? "" : context.getHttp().getMethod();
        String rawPath = event.getRawPath() == null ? "" : event.getRawPath();
        // rawQueryString keeps the client's encoding; the parsed map is a fallback for hand-made events.
        var query = event.getRawQueryString() != null
                ? ApiRequest.parseQuery(event.getRawQueryString())
                : event.getQueryStringParameters();
        String body = event.getBody();
        byte[] bytes = body == null ? new byte[0]
                : event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new ApiRequest(method == null ? "" : method, rawPath, query, event.getHeaders(), bytes);
    }

    static APIGatewayV2HTTPResponse encode(ApiResponse response) {
        // Every body the router writes is UTF-8 JSON, so it travels as text, not base64.
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(new String(response.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }
}
