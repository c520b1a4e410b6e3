package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.http.ApiRouter;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkysyncLambdaHandlerTest {
    private static final String SECRET = "bootstrap-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InMemoryManifestStore store;
    private SkysyncLambdaHandler handler;

    @BeforeEach
    void setUp() {
        store = new InMemoryManifestStore();
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        SyncService service = new SyncService(store, new InMemoryBlobStore(clock), clock, new Tokens(new Random(7)),
                ServiceConfig.withBootstrapSecret(SECRET));
        handler = new SkysyncLambdaHandler(new ApiRouter(service));
    }

    @Test
    void handleRequest_base64Body_isDecodedBeforeRouting() throws Exception {
        byte[] body = "{\"vault\":\"photos\",\"deviceName\":\"laptop\"}".getBytes(StandardCharsets.UTF_8);

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("POST", "/v1/vaults", null, jsonHeaders("Bearer " + SECRET),
                        Base64.getEncoder().encodeToString(body), true), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response).get("vault").asText()).isEqualTo("photos");
        assertThat(store.vault(new io.skysync.domain.VaultId("photos"))).isPresent();
    }

    @Test
    void handleRequest_textBodyWithNonAsciiName_keepsUtf8() throws Exception {
        String body = "{\"vault\":\"docs\",\"deviceName\":\"Jürgen's Mac\"}";

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("POST", "/v1/vaults", null, jsonHeaders("Bearer " + SECRET), body, false), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response).get("deviceName").asText()).isEqualTo("Jürgen's Mac");
    }

    @Test
    void handleRequest_headerNamesInAnyCase_areFound() throws Exception {
        String token = createVault("cased");
        Map<String, String> headers = Map.of("AUTHORIZATION", "Bearer " + token);

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("GET", "/v1/vaults/cased/changes", "since=0", headers, null, false), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("cursor").asLong()).isZero();
    }

    @Test
    void handleRequest_rawQueryString_isPercentDecoded() throws Exception {
        String token = createVault("query");

        APIGatewayV2HTTPResponse ok = handler.handleRequest(event("GET", "/v1/vaults/query/changes",
                "since=%30&limit=%35", Map.of("authorization", "Bearer " + token), null, false), null);
        APIGatewayV2HTTPResponse bad = handler.handleRequest(event("GET", "/v1/vaults/query/changes",
                "since=x%31", Map.of("authorization", "Bearer " + token), null, false), null);

        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").get("code").asText()).isEqualTo("invalid_cursor");
        assertThat(json(bad).get("error").get("message").asText()).contains("x1");
    }

    @Test
    void handleRequest_onlyParsedQueryParameters_areUsed() throws Exception {
        String token = createVault("parsed");
        APIGatewayV2HTTPEvent event = event("GET", "/v1/vaults/parsed/changes", null,
                Map.of("authorization", "Bearer " + token), null, false);
        event.setQueryStringParameters(Map.of("limit", "0"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("message").asText()).contains("invalid limit 0");
    }

    @Test
    void handleRequest_invalidBase64_isA400AndChangesNothing() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("POST", "/v1/vaults", null, jsonHeaders("Bearer " + SECRET), "not base64 ***", true), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("invalid_request");
        assertThat(store.dump()).isEmpty();
    }

    @Test
    void handleRequest_eventWithoutRequestContext_isAnErrorResponseNotAnException() throws Exception {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isBetween(400, 499);
        assertThat(json(response).get("error").get("code").isTextual()).isTrue();
    }

    @Test
    void encode_response_isJsonTextWithTheRoutersHeaders() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("GET", "/v1/health", null, Map.of(), null, false), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8")
                .containsEntry("Cache-Control", "no-store");
        assertThat(json(response).get("status").asText()).isEqualTo("ok");
    }

    private String createVault(String vault) throws Exception {
        APIGatewayV2HTTPResponse created = handler.handleRequest(event("POST", "/v1/vaults", null,
                jsonHeaders("Bearer " + SECRET), "{\"vault\":\"" + vault + "\"}", false), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        return json(created).get("token").asText();
    }

    private static Map<String, String> jsonHeaders(String authorization) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", authorization);
        return headers;
    }

    private static APIGatewayV2HTTPEvent event(String method, String rawPath, String rawQuery,
                                               Map<String, String> headers, String body, boolean base64) {
        return Events.http(method, rawPath, rawQuery, headers, body, base64);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }
}
