package io.skysync.http;

import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobRepairs;
import io.skysync.service.MarkedBlobGuard;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.InMemoryPairingStore;
import io.skysync.testing.InMemoryRepairStore;
import io.skysync.testing.InMemoryRetentionStore;
import io.skysync.testing.MutableClock;
import io.skysync.testing.RecordingManifestStore;
import io.skysync.testing.VaultSetup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    final InMemoryBlobStore blobs;
    final InMemoryPairingStore codes = new InMemoryPairingStore();
    final InMemoryRetentionStore retention = new InMemoryRetentionStore(memory);
    final InMemoryRepairStore repairs = new InMemoryRepairStore();
    final ApiRouter router;

    DevicesFixture() {
        this(new Random(11));
    }

    DevicesFixture(Random random) {
        this(random, InMemoryBlobStore.Uploads.PINNED);
    }

    /** @param uploads how upload URLs hold uploaders to their blob: S3's pinned content or Azure's create-only */
    DevicesFixture(Random random, InMemoryBlobStore.Uploads uploads) {
        blobs = new InMemoryBlobStore(clock, InMemoryBlobStore.DEFAULT_MAX_UPLOAD_BYTES, uploads);
        ServiceConfig config = ServiceConfig.withBootstrapSecret(ApiFixture.SECRET);
        SyncService service = new SyncService(store, blobs, clock, new Tokens(random), config, codes,
                new MarkedBlobGuard(retention), new BlobRepairs(blobs, repairs, retention, store, clock,
                config.uploadTtl()));
        router = new ApiRouter(service);
    }

    RetentionJob retentionJob(RetentionPolicy policy) {
        return new RetentionJob(memory, retention, blobs, clock, policy);
    }

    /** The clean-up as the flavours wire it: with the repair records' sweep. */
    RetentionJob retentionJobWithRepairs(RetentionPolicy policy) {
        return new RetentionJob(memory, retention, blobs, clock, policy,
                new BlobRepairs(blobs, repairs, retention, memory, clock, Duration.ofMinutes(15)), "fixture");
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
