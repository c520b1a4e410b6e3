package io.skysync.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.CreateVaultResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Hostile requests over real HTTP get their documented 4xx, and leave DynamoDB and S3 as they were
 * (read back item by item and object by object).
 */
class LocalAwsBackendHostileIT {
    private static final String ZERO_HASH = "0000000000000000000000000000000000000000000000000000000000000000";
    @TempDir
    static Path dataDir;
    private static LocalAwsBackend backend;
    private static HttpApi api;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalAwsBackend.start(dataDir, 0);
        api = new HttpApi(backend.endpoint());
        token = api.post("/v1/vaults", backend.bootstrapSecret(), Map.of("vault", "h", "deviceName", "laptop"))
                .as(CreateVaultResponse.class).token();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "path traversal   | commit | {\"entries\":[{\"path\":\"../etc/passwd\",\"baseVersion\":0,\"hash\":\"" + ZERO_HASH + "\",\"size\":1,\"mtime\":1}]} | 400 | invalid_path",
        "absolute path    | plan   | {\"cursor\":0,\"changes\":[{\"path\":\"/etc/passwd\",\"baseVersion\":0,\"hash\":\"" + ZERO_HASH + "\",\"size\":1}]} | 400 | invalid_path",
        "bad hash         | plan   | {\"cursor\":0,\"changes\":[{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"ABC\",\"size\":1}]}              | 400 | invalid_hash",
        "negative size    | commit | {\"entries\":[{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + ZERO_HASH + "\",\"size\":-1,\"mtime\":1}]} | 400 | invalid_size",
        "malformed json   | commit | {\"entries\":[                                                                                              | 400 | malformed_json",
    })
    void hostileBody_isRefusedAndChangesNothing(String name, String action, String body, int status, String code) throws Exception {
        Snapshot before = Snapshot.take();

        HttpApi.Answer answer = api.postRaw("/v1/vaults/h/" + action, token, "application/json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.text()).contains("\"" + code + "\"");
        assertThat(Snapshot.take()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no token    | ''                  | 401",
        "wrong token | not-a-device-token  | 401",
    })
    void missingOrWrongToken_isRefusedAndChangesNothing(String name, String bearer, int status) throws Exception {
        Snapshot before = Snapshot.take();

        HttpApi.Answer answer = api.post("/v1/vaults/h/commit", bearer.isEmpty() ? null : bearer, Map.of("entries", List.of(
                Map.of("path", "a.txt", "baseVersion", 0, "hash", ZERO_HASH, "size", 1, "mtime", 1))));

        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(Snapshot.take()).isEqualTo(before);
    }

    @Test
    void oversizeBody_isA413AndChangesNothing() throws Exception {
        Snapshot before = Snapshot.take();
        byte[] body = new byte[7 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');

        HttpApi.Answer answer = api.postRaw("/v1/vaults/h/commit", token, "application/json", body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.text()).contains("\"body_too_large\"");
        assertThat(Snapshot.take()).isEqualTo(before);
    }

    /** Everything in the table and the bucket, except the device's last-seen bookkeeping. */
    private record Snapshot(List<Map<String, AttributeValue>> items, List<String> objects) {
        static Snapshot take() {
            List<Map<String, AttributeValue>> items = backend.dynamoDb().client()
                    .scanPaginator(b -> b.tableName(LocalAwsBackend.TABLE).consistentRead(true)).items().stream()
                    .filter(item -> !item.get("sk").s().startsWith("device#"))
                    .toList();
            List<String> objects = backend.s3().client().listObjectsV2Paginator(b -> b.bucket(LocalAwsBackend.BUCKET))
                    .contents().stream().map(S3Object::key).toList();
            return new Snapshot(items, objects);
        }
    }
}
