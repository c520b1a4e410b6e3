package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.domain.ContentHash;
import io.skysync.service.ServiceConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real Lambda handler over a real table and bucket: a whole sync through it, with the bytes
 * moved over plain HTTP to the presigned URLs, and a commit of a blob never uploaded that leaves
 * the table and the bucket exactly as they were. Hostile requests are the one shared corpus,
 * run through both flavours' HTTP entry points: infra's {@code HostileCorpusIT}.
 */
abstract class LambdaHandlerScenarios {
    private static final String SECRET = "it-bootstrap-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ClassTarget classTarget = new ClassTarget(this::openTarget);

    private SkysyncLambdaHandler handler;
    private String vault;
    private String token;

    /** {@link AwsTarget#emulators()}, or {@link AwsTarget#endpointIfSet()} (null when it is not set). */
    abstract AwsTarget openTarget();

    protected final AwsTarget target() {
        return classTarget.get();
    }

    @BeforeEach
    void setUp() throws Exception {
        AwsComposition composition = AwsComposition.wire(target().dynamoDb(), target().s3(), target().presigner(),
                target().table, target().bucket, UploadIntegrity.SIGNED_SHA256, ServiceConfig.withBootstrapSecret(SECRET));
        handler = new SkysyncLambdaHandler(composition.router());
        vault = AwsTarget.uniqueName("v");
        APIGatewayV2HTTPResponse created = call("POST", "/v1/vaults", null, "Bearer " + SECRET,
                "{\"vault\":\"" + vault + "\",\"deviceName\":\"laptop\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        token = JSON.readTree(created.getBody()).get("token").asText();
    }

    @Test
    void sync_planUploadCommitChangesDownload_bytesArriveUnchanged() throws Exception {
        byte[] content = new byte[300_000];
        new Random(42).nextBytes(content);
        String hash = ContentHash.ofBytes(content).hex();
        String path = "Fotos/Übersicht 2026.bin";

        JsonNode plan = ok(call("POST", "/v1/vaults/" + vault + "/plan", null, "Bearer " + token,
                "{\"cursor\":0,\"changes\":[{\"path\":\"" + path + "\",\"baseVersion\":0,\"hash\":\"" + hash
                        + "\",\"size\":" + content.length + "}]}"));
        JsonNode upload = plan.get("uploads").get(0);
        assertThat(upload.get("hash").asText()).isEqualTo(hash);
        Map<String, String> headers = new HashMap<>();
        upload.get("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        RawHttp.Response put = RawHttp.put(URI.create(upload.get("url").asText()), headers, content);
        assertThat(put.status()).as(put.text()).isEqualTo(200);

        JsonNode commit = ok(call("POST", "/v1/vaults/" + vault + "/commit", null, "Bearer " + token,
                "{\"entries\":[{\"path\":\"" + path + "\",\"baseVersion\":0,\"hash\":\"" + hash + "\",\"size\":"
                        + content.length + ",\"mtime\":1767225600000}]}"));
        assertThat(commit.get("results").get(0).get("status").asText()).isEqualTo("committed");
        assertThat(commit.get("results").get(0).get("version").asLong()).isEqualTo(1);
        assertThat(commit.get("results").get(0).get("seq").asLong()).isEqualTo(1);

        JsonNode changes = ok(call("GET", "/v1/vaults/" + vault + "/changes", "since=0&limit=10", "Bearer " + token, null));
        assertThat(changes.get("cursor").asLong()).isEqualTo(1);
        assertThat(changes.get("entries").get(0).get("path").asText()).isEqualTo(path);
        assertThat(changes.get("entries").get(0).get("hash").asText()).isEqualTo(hash);

        JsonNode urls = ok(call("POST", "/v1/vaults/" + vault + "/download-urls", null, "Bearer " + token,
                "{\"files\":[{\"path\":\"" + path + "\"}]}"));
        RawHttp.Response get = RawHttp.get(URI.create(urls.get("urls").get(0).get("url").asText()));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        assertThat(ContentHash.ofBytes(get.body()).hex()).isEqualTo(hash);
    }

    @Test
    void commit_blobNeverUploaded_isMissingBlobAndWritesNothing() throws Exception {
        String hash = ContentHash.ofBytes("never uploaded".getBytes(StandardCharsets.UTF_8)).hex();
        List<String> table = target().tableSnapshot();
        List<String> bucket = target().bucketSnapshot();

        JsonNode commit = ok(call("POST", "/v1/vaults/" + vault + "/commit", null, "Bearer " + token,
                "{\"entries\":[{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + hash + "\",\"size\":14}]}"));

        assertThat(commit.get("results").get(0).get("status").asText()).isEqualTo("missing_blob");
        assertThat(target().tableSnapshot()).isEqualTo(table);
        assertThat(target().bucketSnapshot()).isEqualTo(bucket);
    }

    private APIGatewayV2HTTPResponse call(String method, String rawPath, String rawQuery, String authorization, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        return handler.handleRequest(Events.http(method, rawPath, rawQuery == null ? "" : rawQuery,
                headers, body, false), null);
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }
}
