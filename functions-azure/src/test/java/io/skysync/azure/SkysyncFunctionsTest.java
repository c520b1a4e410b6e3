package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import io.skysync.azure.inprocess.InProcessExecutionContext;
import io.skysync.azure.inprocess.InProcessHttpRequest;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiRouter;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkysyncFunctionsTest {
    private static final InProcessExecutionContext CONTEXT = new InProcessExecutionContext("test", "api");
    private final SkysyncFunctions function = new SkysyncFunctions(new ApiRouter(new SyncService(
            new InMemoryManifestStore(), new InMemoryBlobStore(), Clock.systemUTC(), new Tokens(new SecureRandom()),
            ServiceConfig.withBootstrapSecret("secret"))));

    @Test
    void decode_encodedPathAndQuery_keepsTheRawPathAndDecodesTheQuery() {
        ApiRequest request = SkysyncFunctions.decode(request("GET",
                "/v1/vaults/v1/files/a%2Fb%20c/history?limit=5&x=%C3%A9", Map.of("Authorization", "Bearer t"), null));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo("/v1/vaults/v1/files/a%2Fb%20c/history");
        assertThat(request.query()).containsEntry("limit", "5").containsEntry("x", "é");
        assertThat(request.header("authorization")).isEqualTo("Bearer t");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void decode_binaryBody_passesTheExactBytes() {
        byte[] body = {'{', '}', (byte) 0xff};

        assertThat(SkysyncFunctions.decode(request("POST", "/v1/vaults", Map.of(), body)).body())
                .isEqualTo(body);
    }

    @Test
    void api_health_isA200JsonAnswerWithTheRoutersHeaders() {
        HttpResponseMessage response = function.api(request("GET", "/v1/health", Map.of(), null), CONTEXT);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(new String((byte[]) response.getBody(), StandardCharsets.UTF_8)).contains("\"ok\"");
    }

    @Test
    void api_unknownPathUnderTheHostsOldPrefix_isTheRoutersJson404() {
        HttpResponseMessage response = function.api(request("GET", "/api/v1/health", Map.of(), null), CONTEXT);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(new String((byte[]) response.getBody(), StandardCharsets.UTF_8)).contains("\"not_found\"");
    }

    /** A request as the Functions host hands it to the function. */
    private static InProcessHttpRequest request(String method, String rawPathAndQuery, Map<String, String> headers,
                                                byte[] body) {
        return InProcessHttpRequest.of(URI.create("https://skysync.example" + rawPathAndQuery), method, headers, body);
    }
}
