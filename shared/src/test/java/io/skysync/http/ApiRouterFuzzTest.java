package io.skysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.CreateVaultResponse;
import io.skysync.error.ErrorCode;
import io.skysync.service.BlobGuard;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.InMemoryPairingStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fuzzes the whole API in memory: {@link ApiRouter} over a real {@link SyncService} with pairing
 * enabled, given a fuzzed method, route (some with a fuzzed vault, device id or file path in the
 * URL), query, credential, content type and body. Whatever comes in, the answer is never a 5xx
 * and never an exception: a 2xx JSON value, or a 4xx whose body is exactly the error object with
 * a code that carries that status. Accepted writes pile up in the in-memory stores, so later
 * inputs meet a vault with history.
 *
 * <p>Seeds: {@code src/test/resources/io/skysync/http/ApiRouterFuzzTestInputs/}. In a normal build
 * this runs the seeds only; see docs/reliability.md for fuzzing runs.
 */
class ApiRouterFuzzTest {
    private static final String SECRET = "fuzz-bootstrap-secret";
    private static final String VAULT = "/v1/vaults/v";
    private static final List<String> METHODS = List.of("POST", "GET", "PUT", "DELETE", "HEAD", "PATCH", "", "post");
    private static final List<String> ROUTES = List.of(VAULT + "/plan", VAULT + "/commit", VAULT + "/download-urls",
            VAULT + "/changes", VAULT + "/files", VAULT + "/devices", VAULT + "/pairing-codes", "/v1/vaults", "/v1/pair",
            "/v1/health", VAULT + "/files/a.txt/history", "/", "/v1/vaults/", VAULT);
    private static final List<String> DEVICE_ACTIONS = List.of("/revoke", "/role", "/name");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "APPLICATION/JSON", "");
    private static final ApiRouter ROUTER = router();
    private static final List<String> CREDENTIALS = credentials();

    @FuzzTest(maxDuration = "10s")
    void handle_anyRequest_answersJsonAndNever5xx(FuzzedDataProvider data) throws IOException {
        Map<String, String> headers = new HashMap<>();
        String credential = data.pickValue(CREDENTIALS);
        if (!credential.isEmpty()) {
            headers.put("Authorization", "Bearer " + credential);
        }
        String contentType = data.pickValue(CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        String method = data.pickValue(METHODS);
        String path = path(data);
        String query = data.consumeBoolean() ? data.consumeString(80) : null;
        byte[] body = data.consumeRemainingAsBytes();

        ApiResponse response = ROUTER.handle(new ApiRequest(method, path, ApiRequest.parseQuery(query), headers, body));

        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).as(text).isBetween(200, 499);
        JsonNode json = ApiJson.mapper().readTree(response.body());
        if (response.status() >= 400) {
            assertThat(json.size()).as(text).isEqualTo(1);
            String code = json.get("error").get("code").asText();
            assertThat(ErrorCode.fromWireName(code).status()).as(text).isEqualTo(response.status());
            assertThat(json.get("error").get("message").asText()).isNotBlank();
        }
    }

    /** A fixed route, or one with a fuzzed segment where the URL carries a vault, a device or a file path. */
    private static String path(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> "/v1/vaults/" + data.consumeString(40) + "/plan";
            case 1 -> VAULT + "/files/" + data.consumeString(200) + "/history";
            case 2 -> VAULT + "/devices/" + data.consumeString(40) + data.pickValue(DEVICE_ACTIONS);
            case 3 -> data.consumeString(200);
            default -> data.pickValue(ROUTES);
        };
    }

    private static ApiRouter router() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        SyncService service = new SyncService(new InMemoryManifestStore(), new InMemoryBlobStore(clock), clock,
                new Tokens(new Random(11)), ServiceConfig.withBootstrapSecret(SECRET), new InMemoryPairingStore(),
                BlobGuard.NONE);
        return new ApiRouter(service);
    }

    /** None, garbage, the bootstrap secret, and the admin token of vault "v" (created here). */
    private static List<String> credentials() {
        ApiResponse created = ROUTER.handle(new ApiRequest("POST", "/v1/vaults", Map.of(),
                Map.of("Authorization", "Bearer " + SECRET, "Content-Type", "application/json"),
                ApiJson.write(new CreateVaultRequest("v", "fuzzer"))));
        List<String> out = new ArrayList<>(List.of("", "garbage", SECRET));
        out.add(ApiJson.read(created.body(), CreateVaultResponse.class).token());
        return List.copyOf(out);
    }
}
