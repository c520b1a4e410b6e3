package io.skysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.service.BlobGuard;
import io.skysync.service.HeadWatch;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.RecordingManifestStore;
import io.skysync.testing.VaultSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The whole API in memory: {@link ApiRouter} over a real {@link SyncService}, an in-memory manifest
 * wrapped in a write recorder, and an in-memory blob store. Requests go in as real JSON bytes.
 */
final class ApiFixture {
    static final String SECRET = "bootstrap-secret-for-tests";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    final InMemoryManifestStore memory = new InMemoryManifestStore();
    final RecordingManifestStore store = RecordingManifestStore.wrapping(memory);
    final InMemoryBlobStore blobs = new InMemoryBlobStore(Clock.fixed(T0, ZoneOffset.UTC));
    final ApiRouter router;
    /** The {@code Skysync-Protocol} header every request carries; null: none, as a client before folders. */
    String protocol;

    ApiFixture(String bootstrapSecret) {
        this(bootstrapSecret, HeadWatch.NONE);
    }

    /** With {@code heads} answering {@code GET /changes?wait=}. */
    ApiFixture(String bootstrapSecret, HeadWatch heads) {
        SyncService service = new SyncService(store, blobs, Clock.fixed(T0, ZoneOffset.UTC), new Tokens(new Random(7)),
                ServiceConfig.withBootstrapSecret(bootstrapSecret), null, BlobGuard.NONE, null, heads);
        router = new ApiRouter(service);
    }

    // ----- requests -----

    ApiResponse send(String method, String pathAndQuery, String token, String contentType, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (protocol != null) {
            headers.put("Skysync-Protocol", protocol);
        }
        return sendRaw(method, pathAndQuery, headers, body);
    }

    ApiResponse sendRaw(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = ApiRequest.parseQuery(q < 0 ? null : pathAndQuery.substring(q + 1));
        return router.handle(new ApiRequest(method, path, query, headers, body));
    }

    ApiResponse get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, token, null, null);
    }

    ApiResponse getWithQuery(String path, Map<String, String> query, String token) {
        return router.handle(new ApiRequest("GET", path, query, Map.of("Authorization", "Bearer " + token), null));
    }

    ApiResponse post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    ApiResponse post(String path, String token, Object body) {
        return post(path, token, json(body));
    }

    // ----- requests to a router of a test's own -----

    static ApiResponse post(ApiRouter router, String path, String token, Object body) {
        return router.handle(new ApiRequest("POST", path, Map.of(), Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"), json(body).getBytes(StandardCharsets.UTF_8)));
    }

    /** Vault {@code v1}, created through {@code router}; its admin device's token. */
    static String createVault(ApiRouter router, String deviceName) {
        ApiResponse created = post(router, "/v1/vaults", SECRET, obj("vault", "v1", "deviceName", deviceName));
        return assertOk(created, 201).get("token").asText();
    }

    // ----- JSON -----

    static String json(Object value) {
        try {
            return ApiJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode body(ApiResponse response) {
        try {
            return ApiJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object with keys in the given order: {@code obj("path", "a", "baseVersion", 0)}. */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    static Map<String, Object> entry(String path, long baseVersion, ContentHash hash, long size) {
        return obj("path", path, "baseVersion", baseVersion, "hash", hash.hex(), "size", size, "mtime", 1_000L);
    }

    /** A local change as a plan announces it (no mtime: that travels with the commit). */
    static Map<String, Object> change(String path, long baseVersion, ContentHash hash, long size) {
        return obj("path", path, "baseVersion", baseVersion, "hash", hash.hex(), "size", size);
    }

    static Map<String, Object> deletion(String path, long baseVersion) {
        return obj("path", path, "baseVersion", baseVersion, "deleted", true);
    }

    static Map<String, Object> commitBody(Object... entries) {
        return obj("entries", List.of(entries));
    }

    static JsonNode assertOk(ApiResponse response, int status) {
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
        return body(response);
    }

    static void assertError(ApiResponse response, ErrorCode code) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).as(text).isEqualTo(code.status());
        JsonNode error = body(response).get("error");
        assertThat(error.get("code").asText()).as(text).isEqualTo(code.wireName());
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(body(response).size()).as("only the error object").isEqualTo(1);
    }

    // ----- setup through the API -----

    /** Creates a vault through the API and answers its admin token. */
    String createVault(String vault) {
        return VaultSetup.over(router).createVault(SECRET, vault, "admin of " + vault);
    }

    /** Enrols a device through the API and answers its token. */
    String addDevice(String vault, String adminToken, String name, String role) {
        return VaultSetup.over(router).addDevice(adminToken, vault, name, role);
    }

    ContentHash putBlob(String vault, String content) {
        return blobs.put(new VaultId(vault), content.getBytes(StandardCharsets.UTF_8));
    }
}
