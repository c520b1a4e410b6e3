package io.skysync.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.http.ApiRouter;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Azure Functions entry point: one HTTP trigger on every path and method (host.json sets the
 * route prefix to "", so paths equal the AWS ones, and unknown paths or methods get the router's
 * JSON 404/405 as on AWS). Anonymous: the API checks device tokens itself. Decode, one call, encode.
 */
public final class SkysyncFunctions {
    private final Supplier<ApiRouter> router;

    /** For the Functions runtime, which may make an instance per invocation: the wiring is built once. */
    public SkysyncFunctions() {
        this(() -> Runtime.COMPOSITION.router());
    }

    /** For tests and the local backend. */
    public SkysyncFunctions(ApiRouter router) {
        this(() -> router);
        Objects.requireNonNull(router, "router");
    }

    private SkysyncFunctions(Supplier<ApiRouter> router) {
        this.router = router;
    }

    @FunctionName("api")
    public HttpResponseMessage api(
            @HttpTrigger(name = "request", dataType = "binary", route = "{*path}", authLevel = AuthorizationLevel.ANONYMOUS,
                    methods = {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH,
                        HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE})
            HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        ApiResponse response = router.get().handle(decode(request));
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(response.status()));
        response.headers().forEach(builder::header);
        return builder.body(response.body()).build();
    }

    static ApiRequest decode(HttpRequestMessage<Optional<byte[]>> request) {
        URI uri = request.getUri();
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().orElse(new byte[0]);
        return new ApiRequest(request.getHttpMethod() == null ? "" : request.getHttpMethod().name(), rawPath,
                ApiRequest.parseQuery(uri.getRawQuery()), request.getHeaders(), body);
    }

    /** Holder idiom: the clients are built on first use, once per worker process. */
    private static final class Runtime {
        private static final AzureComposition COMPOSITION = AzureComposition.fromEnvironment();
    }
}
