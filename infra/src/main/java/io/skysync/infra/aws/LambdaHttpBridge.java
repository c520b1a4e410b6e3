package io.skysync.infra.aws;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.skysync.api.ApiJson;
import io.skysync.api.ErrorBody;
import io.skysync.emulators.RequestCounter;
import io.skysync.error.ErrorCode;
import io.skysync.infra.RequestBodies;
import io.skysync.infra.RouteName;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plays API Gateway in front of the Lambda handler: each HTTP request becomes one invocation with
 * an {@link APIGatewayV2HTTPEvent}, counted by route. As on AWS, a body over the gateway's 10 MB
 * limit is refused before the function runs, and a function that throws becomes a bare 500.
 */
final class LambdaHttpBridge implements HttpHandler {
    /** API Gateway HTTP APIs accept at most 10 MB; the API's own 4 MiB limit is the router's to enforce. */
    static final int GATEWAY_MAX_BODY = 10 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(LambdaHttpBridge.class.getName());

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
    private final RequestCounter invocations;
    private final Clock clock;

    LambdaHttpBridge(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function, RequestCounter invocations, Clock clock) {
        this.function = function;
        this.invocations = invocations;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Optional<byte[]> body = RequestBodies.readAtMost(exchange.getRequestBody(), GATEWAY_MAX_BODY);
        if (body.isEmpty()) {
            byte[] error = ApiJson.write(ErrorBody.of(ErrorCode.BODY_TOO_LARGE,
                    "the request body is over the gateway's limit of " + GATEWAY_MAX_BODY + " bytes"));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(ErrorCode.BODY_TOO_LARGE.status(), error.length);
            exchange.getResponseBody().write(error);
            return;
        }
        String requestId = UUID.randomUUID().toString();
        invocations.increment(RouteName.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()));
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(exchange, body.get(), requestId, clock.instant());
        APIGatewayV2HTTPResponse response;
        try {
            response = function.handleRequest(event, new LocalLambdaContext(requestId));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the function failed on request " + requestId, e);
            response = APIGatewayV2HTTPResponse.builder().withStatusCode(500)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(new String(ApiJson.write(Map.of("message", "Internal Server Error")), StandardCharsets.UTF_8))
                    .build();
        }
        ApiGatewayEvents.write(exchange, response);
    }
}
