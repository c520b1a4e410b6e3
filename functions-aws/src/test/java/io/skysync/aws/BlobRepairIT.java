package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.service.BlobRef;
import io.skysync.service.ServiceConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Blob verification on the AWS flavour, over DynamoDB Local and S3Proxy with real presigned URLs.
 * A hostile member cannot plant wrong bytes (the SHA-256 is signed into every upload); verify still
 * answers, and a blob whose bytes went wrong at rest is removed and healed from a device's staged
 * repair upload.
 */
class BlobRepairIT {
    private static final String SECRET = "blob-repair-it";
    private static final byte[] REPORT = "the quarterly report, honest version".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash HASH = ContentHash.ofBytes(REPORT);
    private static final byte[] GARBAGE = "x".repeat(REPORT.length).getBytes(StandardCharsets.UTF_8);
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);
    private AwsComposition aws;

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @BeforeEach
    void wire() {
        AwsTarget t = target.get();
        aws = AwsComposition.wire(t.dynamoDb(), t.s3(), t.presigner(), t.table, t.bucket,
                UploadIntegrity.SIGNED_SHA256, ServiceConfig.withBootstrapSecret(SECRET));
    }

    @Test
    void plantingIsRefused_verifyAnswersIntactOrAbsent() throws IOException {
        String vault = AwsTarget.uniqueName("repair");
        String honest = body(post("/v1/vaults", SECRET, Map.of("vault", vault, "deviceName", "laptop")), 201)
                .get("token").asText();
        String attacker = body(post("/v1/vaults/" + vault + "/devices", honest, Map.of("name", "mallory")), 201)
                .get("token").asText();
        JsonNode planted = plan(vault, attacker, "decoy").get("uploads").get(0);
        assertThat(put(planted, GARBAGE)).as("S3 refuses bytes that are not the signed SHA-256").isEqualTo(400);
        assertThat(put(plan(vault, honest, "report.txt").get("uploads").get(0), REPORT)).isEqualTo(200);
        assertThat(commit(vault, honest)).isEqualTo("committed");

        assertThat(verify(vault, attacker, HASH)).isEqualTo("intact");
        assertThat(verify(vault, attacker, ContentHash.ofBytes(GARBAGE))).isEqualTo("absent");

        JsonNode again = body(post("/v1/vaults/" + vault + "/blobs/verify", honest, Map.of("hash", HASH.hex())), 429);
        assertThat(again.get("error").get("code").asText()).as("once per window").isEqualTo("rate_limited");
    }

    /** Wrong bytes at rest (a restore gone wrong, an operator's mistake): found, removed, healed. */
    @Test
    void aBlobWrongAtRest_isRemovedAndHealedFromTheStagedRepair() throws IOException {
        String vault = AwsTarget.uniqueName("heal");
        String honest = body(post("/v1/vaults", SECRET, Map.of("vault", vault, "deviceName", "laptop")), 201)
                .get("token").asText();
        assertThat(put(plan(vault, honest, "report.txt").get("uploads").get(0), REPORT)).isEqualTo(200);
        assertThat(commit(vault, honest)).isEqualTo("committed");
        aws.s3().putObject(b -> b.bucket(target.get().bucket).key(BlobRef.blob(new VaultId(vault), HASH).key()),
                RequestBody.fromBytes(GARBAGE));

        assertThat(verify(vault, honest, HASH)).isEqualTo("removed");
        JsonNode repair = plan(vault, honest, null).get("repairs").get(0);
        assertThat(repair.get("url").asText()).contains("/repairs/" + HASH.hex() + "/");
        assertThat(put(repair, GARBAGE)).as("the staged repair's SHA-256 is signed in too").isEqualTo(400);
        assertThat(put(repair, REPORT)).isEqualTo(200);
        JsonNode healed = plan(vault, honest, null);

        assertThat(healed.has("repairs")).isFalse();
        assertThat(download(vault, honest)).isEqualTo(REPORT);
    }

    private JsonNode plan(String vault, String token, String path) throws IOException {
        List<Object> changes = path == null ? List.of()
                : List.of(Map.of("path", path, "baseVersion", 0, "hash", HASH.hex(), "size", REPORT.length));
        return body(post("/v1/vaults/" + vault + "/plan", token, Map.of("cursor", 0, "changes", changes)), 200);
    }

    private String commit(String vault, String token) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>(Map.of("path", "report.txt", "baseVersion", 0, "hash", HASH.hex(),
                "size", REPORT.length, "mtime", 1));
        return body(post("/v1/vaults/" + vault + "/commit", token, Map.of("entries", List.of(entry))), 200)
                .get("results").get(0).get("status").asText();
    }

    private String verify(String vault, String token, ContentHash hash) throws IOException {
        return body(post("/v1/vaults/" + vault + "/blobs/verify", token, Map.of("hash", hash.hex())), 200)
                .get("status").asText();
    }

    private byte[] download(String vault, String token) throws IOException {
        JsonNode urls = body(post("/v1/vaults/" + vault + "/download-urls", token,
                Map.of("files", List.of(Map.of("path", "report.txt")))), 200);
        return RawHttp.get(URI.create(urls.get("urls").get(0).get("url").asText())).body();
    }

    private static int put(JsonNode upload, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        upload.get("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        return RawHttp.put(URI.create(upload.get("url").asText()), headers, body).status();
    }

    private ApiResponse post(String path, String token, Object body) {
        return aws.router().handle(new ApiRequest("POST", path, Map.of(),
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), ApiJson.write(body)));
    }

    private static JsonNode body(ApiResponse response, int status) throws IOException {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).as(text).isEqualTo(status);
        return ApiJson.mapper().readTree(text);
    }
}
