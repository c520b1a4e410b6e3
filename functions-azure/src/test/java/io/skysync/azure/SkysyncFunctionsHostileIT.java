package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableClient;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.skysync.api.ApiJson;
import io.skysync.api.CreateVaultRequest;
import io.skysync.service.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real function class over Table Storage and Blob Storage (Azurite): hostile requests get the
 * same status and error code as through the Lambda handler, and change nothing in either store.
 */
class SkysyncFunctionsHostileIT {
    private static final String SECRET = "it-bootstrap-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TableClient table;
    private static BlobContainerClient container;
    private static SkysyncFunctions function;
    private String vault;
    private String token;

    @BeforeAll
    static void wire() {
        table = Azurite.newTable("hostile");
        container = Azurite.newContainer("hostile");
        AzureComposition composition = AzureComposition.wire(table, container, SasSigner.accountKey(),
                ServiceConfig.withBootstrapSecret(SECRET));
        function = new SkysyncFunctions(composition.router());
    }

    @BeforeEach
    void createVault() throws Exception {
        vault = "v" + System.nanoTime();
        HttpResponseMessage created = call("POST", "/v1/vaults", null, "Bearer " + SECRET,
                new String(ApiJson.write(new CreateVaultRequest(vault, "laptop")), StandardCharsets.UTF_8));
        assertThat(created.getStatusCode()).as(text(created)).isEqualTo(201);
        token = JSON.readTree(text(created)).get("token").asText();
    }

    static Stream<HostileRequests.Hostile> hostileRequests() {
        return HostileRequests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void hostileRequest_isRefusedWithItsCodeAndChangesNothing(HostileRequests.Hostile hostile) throws Exception {
        Map<String, String> rows = tableSnapshot();
        List<String> blobs = blobSnapshot();

        HttpResponseMessage response = call(hostile.method(), hostile.path().replace(HostileRequests.VAULT, vault),
                hostile.query(), hostile.authorization() == null ? null
                        : hostile.authorization().replace(HostileRequests.TOKEN, token).replace(HostileRequests.SECRET, SECRET),
                hostile.body() == null ? null : hostile.body().replace(HostileRequests.VAULT, vault));

        assertThat(response.getStatusCode()).as(text(response)).isEqualTo(hostile.status());
        JsonNode error = JSON.readTree(text(response)).get("error");
        assertThat(error.get("code").asText()).isEqualTo(hostile.code());
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat(tableSnapshot()).isEqualTo(rows);
        assertThat(blobSnapshot()).isEqualTo(blobs);
    }

    @Test
    void health_anyPathPrefix_isServedAtTheAwsPath() {
        HttpResponseMessage response = call("GET", "/v1/health", null, null, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(text(response)).contains("\"ok\"");
    }

    private static HttpResponseMessage call(String method, String rawPath, String rawQuery, String authorization, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        String target = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
        return function.api(FunctionRequests.request(method, target, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)), FunctionRequests.context());
    }

    private static String text(HttpResponseMessage response) {
        return new String((byte[]) response.getBody(), StandardCharsets.UTF_8);
    }

    /** Every row of the table with its ETag: any write, even of equal values, changes an ETag. */
    private static Map<String, String> tableSnapshot() {
        Map<String, String> rows = new TreeMap<>();
        table.listEntities().forEach(e -> rows.put(e.getPartitionKey() + "|" + e.getRowKey(), e.getETag()));
        return rows;
    }

    private static List<String> blobSnapshot() {
        return container.listBlobs().stream().map(b -> b.getName() + "|" + b.getProperties().getETag()).sorted().toList();
    }
}
