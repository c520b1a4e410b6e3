package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /pairing-codes} and {@code POST /v1/pair}: single use, expiry, roles, and the brute-force lock. */
class PairingApiTest {
    private DevicesFixture api;
    private String admin;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture();
        admin = api.createVault("v1");
    }

    @Test
    void pairingCode_admin_answersEightDigitsValidTenMinutesStoredOnlyHashed() {
        JsonNode code = assertOk(api.post("/v1/vaults/v1/pairing-codes", admin, obj("role", "member")), 201);

        assertThat(code.get("code").asText()).matches("[0-9]{4}-[0-9]{4}");
        assertThat(code.get("role").asText()).isEqualTo("member");
        assertThat(code.get("vault").asText()).isEqualTo("v1");
        assertThat(code.get("expiresAt").asText()).isEqualTo("2026-03-01T10:10:00Z");
        assertThat(api.codes.codeCount()).isEqualTo(1);
        assertThat(api.memory.dump().toString()).doesNotContain(code.get("code").asText().replace("-", ""));
    }

    @Test
    void pair_validCode_enrolsTheDeviceWithTheCodesRoleAndItsTokenWorks() {
        String code = api.pairingCode("v1", admin, "read-only");

        JsonNode paired = assertOk(api.pair("v1", code, "tablet"), 201);

        assertThat(paired.get("vault").asText()).isEqualTo("v1");
        assertThat(paired.get("deviceName").asText()).isEqualTo("tablet");
        assertThat(paired.get("role").asText()).isEqualTo("read-only");
        JsonNode devices = assertOk(api.get("/v1/vaults/v1/devices", Map.of(), paired.get("token").asText()), 200);
        assertThat(devices.get("devices")).extracting(d -> d.get("name").asText()).containsExactly("first", "tablet");
    }

    @Test
    void pair_codeWithoutDashOrWithSpaces_accepted() {
        String code = api.pairingCode("v1", admin, "member");

        assertOk(api.pair("v1", " " + code.replace("-", " ") + " ", "tablet"), 201);
    }

    @Test
    void pair_sameCodeTwice_secondIsRefusedAndEnrolsNothing() {
        String code = api.pairingCode("v1", admin, "member");
        assertOk(api.pair("v1", code, "tablet"), 201);
        int devices = api.memory.devices(new VaultId("v1")).size();

        assertError(api.pair("v1", code, "thief"), ErrorCode.UNAUTHORIZED);

        assertThat(api.memory.devices(new VaultId("v1"))).hasSize(devices);
    }

    @Test
    void pair_afterTenMinutes_refused() {
        String code = api.pairingCode("v1", admin, "member");
        api.clock.advance(Duration.ofMinutes(10));

        assertError(api.pair("v1", code, "late"), ErrorCode.UNAUTHORIZED);
        assertThat(api.memory.devices(new VaultId("v1"))).hasSize(1);
    }

    @Test
    void pair_wrongCodeOrUnknownVault_refusedWithTheSameMessage() {
        api.pairingCode("v1", admin, "member");
        api.store.clear();

        ApiResponse wrong = api.pair("v1", "0000-0000", "x");
        ApiResponse unknown = api.pair("nope", "0000-0000", "x");

        assertError(wrong, ErrorCode.UNAUTHORIZED);
        assertError(unknown, ErrorCode.UNAUTHORIZED);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(api.store.writes()).as("manifest writes (only the attempt counters are written)").isEmpty();
    }

    /** An unauthenticated caller must not learn whether a vault exists: its answers, lock included, are the same. */
    @Test
    void pair_unknownAndKnownVault_answerAlikeThroughTheLock() {
        for (int attempt = 1; attempt <= 7; attempt++) {
            ApiResponse known = api.pair("v1", "0000-000" + attempt, "x");
            ApiResponse unknown = api.pair("no-such-vault", "0000-000" + attempt, "x");

            assertThat(unknown.status()).as("attempt %d", attempt).isEqualTo(known.status());
            assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).as("attempt %d", attempt)
                    .isEqualTo(new String(known.body(), StandardCharsets.UTF_8));
            assertError(known, attempt <= 5 ? ErrorCode.UNAUTHORIZED : ErrorCode.RATE_LIMITED);
        }
    }

    @Test
    void pair_malformedCodeOrMissingField_400() {
        assertError(api.pair("v1", "12345", "x"), ErrorCode.INVALID_REQUEST);
        assertError(api.pair("v1", "abcd-efgh", "x"), ErrorCode.INVALID_REQUEST);
        assertError(api.post("/v1/pair", null, obj("vault", "v1", "deviceName", "x")), ErrorCode.INVALID_REQUEST);
        assertError(api.pair("v1", "1234-5678", "bad\nname"), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void pairingCode_rolesFollowCanPair() {
        String member = api.pairNew("v1", admin, "m", "member").get("token").asText();
        String reader = api.pairNew("v1", admin, "r", "read-only").get("token").asText();

        assertError(api.post("/v1/vaults/v1/pairing-codes", member, obj("role", "admin")), ErrorCode.FORBIDDEN);
        assertOk(api.post("/v1/vaults/v1/pairing-codes", member, obj("role", "read-only")), 201);
        assertError(api.post("/v1/vaults/v1/pairing-codes", reader, obj("role", "read-only")), ErrorCode.FORBIDDEN);
        assertError(api.post("/v1/vaults/v1/pairing-codes", null, obj("role", "member")), ErrorCode.UNAUTHORIZED);
        assertError(api.post("/v1/vaults/v1/pairing-codes", admin, obj("role", "owner")), ErrorCode.INVALID_REQUEST);
        JsonNode defaulted = assertOk(api.post("/v1/vaults/v1/pairing-codes", admin, obj()), 201);
        assertThat(defaulted.get("role").asText()).isEqualTo("member");
    }

    @Test
    void pair_codeOfADeviceRevokedSince_refused() {
        JsonNode member = api.pairNew("v1", admin, "m", "member");
        String code = api.pairingCode("v1", member.get("token").asText(), "member");
        assertOk(api.post("/v1/vaults/v1/devices/" + member.get("deviceId").asText() + "/revoke", admin, obj()), 200);

        assertError(api.pair("v1", code, "via-revoked"), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void bruteForce_sequential_lockedAfterFiveTriesEvenForTheRightCode() {
        String right = api.pairingCode("v1", admin, "admin").replace("-", "");
        int refusedAsWrong = 0;
        int locked = 0;
        for (int guess = 0; guess < 1000; guess++) {
            String candidate = String.format("%08d", guess);
            if (candidate.equals(right)) {
                continue;
            }
            ApiResponse response = api.pair("v1", candidate, "attacker");
            if (response.status() == 401) {
                refusedAsWrong++;
            } else {
                assertError(response, ErrorCode.RATE_LIMITED);
                locked++;
            }
        }

        assertThat(refusedAsWrong).isEqualTo(5);
        assertThat(locked).isEqualTo(1000 - 5 - (Integer.parseInt(right) < 1000 ? 1 : 0));
        assertError(api.pair("v1", right, "attacker"), ErrorCode.RATE_LIMITED);
        assertThat(api.memory.devices(new VaultId("v1"))).hasSize(1);
    }

    @Test
    void bruteForce_lockEndsWithTheWindowAndTheCodeStillWorksOnce() {
        api.clock.advance(Duration.ofMinutes(5));
        String right = api.pairingCode("v1", admin, "member");
        for (int i = 0; i < 6; i++) {
            api.pair("v1", "9999-999" + i, "attacker");
        }
        assertError(api.pair("v1", right, "mine"), ErrorCode.RATE_LIMITED);

        api.clock.advance(Duration.ofMinutes(5)); // the next 10-minute window; the code lives until 10:15

        assertOk(api.pair("v1", right, "mine"), 201);
    }

    @Test
    void bruteForce_concurrent_atMostFiveTriesReachTheCode() throws Exception {
        String right = api.pairingCode("v1", admin, "member").replace("-", "");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String guess = String.format("%08d", (Integer.parseInt(right) + 1 + i) % 100_000_000);
                statuses.add(pool.submit(() -> api.pair("v1", guess, "attacker").status()));
            }
            int reached = 0;
            for (Future<Integer> status : statuses) {
                int s = status.get(60, TimeUnit.SECONDS);
                assertThat(s).isIn(401, 429);
                reached += s == 401 ? 1 : 0;
            }
            assertThat(reached).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pairingEndpoints_withoutAPairingStore_503() {
        SyncService plain = new SyncService(new InMemoryManifestStore(), new InMemoryBlobStore(), api.clock,
                new Tokens(new Random(1)), ServiceConfig.withBootstrapSecret(ApiFixture.SECRET));
        ApiFixture old = new ApiFixture(ApiFixture.SECRET);
        ApiRouter router = new ApiRouter(plain);
        String token = assertOk(router.handle(request("/v1/vaults", ApiFixture.SECRET, obj("vault", "v2"))), 201)
                .get("token").asText();

        assertError(router.handle(request("/v1/vaults/v2/pairing-codes", token, obj("role", "member"))), ErrorCode.UNAVAILABLE);
        assertError(router.handle(request("/v1/pair", null, obj("vault", "v2", "code", "1234-5678"))), ErrorCode.UNAVAILABLE);
        assertThat(old.memory.dump()).isEmpty();
    }

    private static ApiRequest request(String path, String token, Object body) {
        Map<String, String> headers = token == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token);
        return new ApiRequest("POST", path, Map.of(), headers,
                ApiFixture.json(body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
