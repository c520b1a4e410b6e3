package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.service.BlobRef;
import io.skysync.service.ServiceConfig;
import io.skysync.service.UploadTicket;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planted-bytes attack on Azure, over Azurite with real SAS URLs: a hostile member uploads
 * garbage of the right size under the hash of content an honest device is about to sync (its own
 * create-only upload URL cannot pin the SHA-256), the honest device skips its upload and commits,
 * a reader finds the mismatch and asks the server to verify. The server removes the garbage, the
 * attacker's second URL and its repair upload fail to take the blob, and the honest device's
 * repair upload is checked and put in place.
 */
class HostileMemberIT {
    private static final String SECRET = "hostile-member-it";
    private static final byte[] REPORT = "the quarterly report, honest version".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash HASH = ContentHash.ofBytes(REPORT);
    private static final byte[] GARBAGE = "x".repeat(REPORT.length).getBytes(StandardCharsets.UTF_8);
    private static BlobContainerClient container;
    private static AzureComposition azure;

    @BeforeAll
    static void start() {
        container = Azurite.newContainer("hostile");
        azure = AzureComposition.wire(Azurite.newTable("hostile"), container, SasSigner.accountKey(),
                ServiceConfig.withBootstrapSecret(SECRET));
    }

    @AfterAll
    static void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void plantedGarbage_isRemovedAndTheHonestContentHealsIn() throws IOException {
        String vault = "hostile";
        String honest = body(post("/v1/vaults", SECRET, Map.of("vault", vault, "deviceName", "laptop")), 201)
                .get("token").asText();
        String attacker = body(post("/v1/vaults/" + vault + "/devices", honest, Map.of("name", "mallory", "role", "member")),
                201).get("token").asText();
        String reader = body(post("/v1/vaults/" + vault + "/devices", honest, Map.of("name", "tablet", "role", "read-only")),
                201).get("token").asText();
        List<UploadTicket> kept = new ArrayList<>(uploads(plan(vault, attacker, "decoy-1")));
        kept.addAll(uploads(plan(vault, attacker, "decoy-2")));
        assertThat(SasHttp.put(kept.get(0), GARBAGE)).as("the create-only SAS takes any bytes").isEqualTo(201);

        assertThat(uploads(plan(vault, honest, "report.txt"))).as("the vault seems to hold it").isEmpty();
        assertThat(commit(vault, honest, "report.txt")).isEqualTo("committed");
        assertThat(download(vault, reader)).isEqualTo(GARBAGE);

        JsonNode verified = body(post("/v1/vaults/" + vault + "/blobs/verify", reader, Map.of("hash", HASH.hex())), 200);
        assertThat(verified.get("status").asText()).isEqualTo("removed");
        assertThat(container.getBlobClient(BlobRef.blob(new VaultId(vault), HASH).key()).exists()).isFalse();

        assertThat(SasHttp.put(kept.get(1), GARBAGE)).as("the kept URL plants again on the missing blob").isEqualTo(201);
        List<UploadTicket> staged = uploads(plan(vault, attacker, "decoy-3"));
        assertThat(staged.get(0).url().getPath()).contains("/repairs/" + HASH.hex() + "/");
        assertThat(SasHttp.put(staged.get(0), GARBAGE)).isEqualTo(201);
        JsonNode repairPlan = plan(vault, honest, null);
        assertThat(repairPlan.get("repairs")).hasSize(1);
        UploadTicket repair = ticket(repairPlan.get("repairs").get(0));
        assertThat(SasHttp.put(repair, REPORT)).isEqualTo(201);
        assertThat(SasHttp.put(repair, GARBAGE)).as("a staged repair cannot be overwritten").isEqualTo(403);

        JsonNode healed = plan(vault, honest, null);

        assertThat(healed.has("repairs")).isFalse();
        assertThat(download(vault, reader)).as("the honest content, over the second plant").isEqualTo(REPORT);
        assertThat(SasHttp.put(kept.get(1), GARBAGE)).as("create-only: the healed blob stays").isEqualTo(403);
        assertThat(body(post("/v1/vaults/" + vault + "/blobs/verify", honest, Map.of("hash", HASH.hex())), 429)
                .get("error").get("code").asText()).as("verified once per window").isEqualTo("rate_limited");
    }

    private static JsonNode plan(String vault, String token, String path) throws IOException {
        List<Object> changes = path == null ? List.of()
                : List.of(Map.of("path", path, "baseVersion", 0, "hash", HASH.hex(), "size", REPORT.length));
        return body(post("/v1/vaults/" + vault + "/plan", token, Map.of("cursor", 0, "changes", changes)), 200);
    }

    private static String commit(String vault, String token, String path) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>(Map.of("path", path, "baseVersion", 0, "hash", HASH.hex(),
                "size", REPORT.length, "mtime", 1));
        return body(post("/v1/vaults/" + vault + "/commit", token, Map.of("entries", List.of(entry))), 200)
                .get("results").get(0).get("status").asText();
    }

    private static byte[] download(String vault, String token) throws IOException {
        JsonNode urls = body(post("/v1/vaults/" + vault + "/download-urls", token,
                Map.of("files", List.of(Map.of("path", "report.txt")))), 200);
        return SasHttp.get(URI.create(urls.get("urls").get(0).get("url").asText()));
    }

    private static List<UploadTicket> uploads(JsonNode plan) {
        List<UploadTicket> out = new ArrayList<>();
        plan.get("uploads").forEach(u -> out.add(ticket(u)));
        return out;
    }

    private static UploadTicket ticket(JsonNode dto) {
        Map<String, String> headers = new LinkedHashMap<>();
        dto.get("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        return new UploadTicket(URI.create(dto.get("url").asText()), dto.get("method").asText(), headers,
                Instant.parse(dto.get("expiresAt").asText()));
    }

    private static ApiResponse post(String path, String token, Object body) {
        return azure.router().handle(new ApiRequest("POST", path, Map.of(),
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), ApiJson.write(body)));
    }

    private static JsonNode body(ApiResponse response, int status) throws IOException {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).as(text).isEqualTo(status);
        return ApiJson.mapper().readTree(text);
    }
}
