package io.skysync.http;

import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.MarkedBlobGuard;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.InMemoryPairingStore;
import io.skysync.testing.InMemoryRetentionStore;
import io.skysync.testing.MutableClock;
import io.skysync.testing.RecordingManifestStore;
import io.skysync.testing.VaultSetup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The whole API with pairing codes and the clean-up wired in, over in-memory doubles and a clock
 * the test moves: {@link ApiRouter} over {@link SyncService} with a {@link MarkedBlobGuard}, and the
 * {@link RetentionJob} over the same stores.
 */
final class DevicesFixture {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final InMemoryManifestStore memory = new InMemoryManifestStore();
    final RecordingManifestStore store = RecordingManifestStore.wrapping(memory);
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final InMemoryPairingStore codes = new InMemoryPairingStore();
    final InMemoryRetentionStore retention = new InMemoryRetentionStore(memory);
    final ApiRouter router;

    DevicesFixture() {
        this(new Random(11));
    }

    DevicesFixture(Random random) {
        SyncService service = new SyncService(store, blobs, clock, new Tokens(random),
                ServiceConfig.withBootstrapSecret(ApiFixture.SECRET), codes, new MarkedBlobGuard(retention));
        router = new ApiRouter(service);
    }

    RetentionJob retentionJob(RetentionPolicy policy) {
        return new RetentionJob(memory, retention, blobs, clock, policy);
    }

    ApiResponse post(String path, String token, Object body) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        headers.put("Content-Type", "application/json");
        return router.handle(new ApiRequest("POST", path, Map.of(), headers,
                ApiFixture.json(body).getBytes(StandardCharsets.UTF_8)));
    }

    ApiResponse get(String path, Map<String, String> query, String token) {
        return router.handle(new ApiRequest("GET", path, query, Map.of("Authorization", "Bearer " + token), null));
    }

    String createVault(String vault) {
        return VaultSetup.over(router).createVault(ApiFixture.SECRET, vault, "first");
    }

    /** A pairing code issued by {@code token}'s device for {@code role}. */
    String pairingCode(String vault, String token, String role) {
        return assertOk(post("/v1/vaults/" + vault + "/pairing-codes", token, obj("role", role)), 201)
                .get("code").asText();
    }

    ApiResponse pair(String vault, String code, String name) {
        return post("/v1/pair", null, obj("vault", vault, "code", code, "deviceName", name));
    }

    /** Pairs a new device through a code from {@code inviter}; answers the pair response. */
    JsonNode pairNew(String vault, String inviter, String name, String role) {
        return assertOk(pair(vault, pairingCode(vault, inviter, role), name), 201);
    }

    ContentHash putBlob(String vault, String content) {
        return blobs.put(new VaultId(vault), content.getBytes(StandardCharsets.UTF_8));
    }
}
