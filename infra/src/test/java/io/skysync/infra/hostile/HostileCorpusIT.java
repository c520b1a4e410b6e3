package io.skysync.infra.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.emulators.AzuriteEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile-input corpus ({@link HostileCorpus}) through the real HTTP entry points of both
 * flavours: the Lambda handler behind its API Gateway bridge over DynamoDB Local and S3Proxy, and
 * the Azure function class over Azurite. Each request must get its documented 4xx and JSON error
 * body, the same on both, and leave every table row and every blob as it was. One backend per
 * flavour for the whole class, started on first use.
 */
class HostileCorpusIT {
    private static final List<String> FLAVOURS = List.of("aws", "azure");
    private static final Map<String, Fixture> FIXTURES = new LinkedHashMap<>();
    @TempDir
    static Path dataRoot;

    static Stream<Arguments> flavoursAndCases() {
        return FLAVOURS.stream().flatMap(flavour -> HostileCorpus.cases().stream().map(c -> Arguments.of(flavour, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flavoursAndCases")
    void hostileRequest_getsItsDocumented4xxAndChangesNothing(String flavour, HostileCase hostile) throws Exception {
        Fixture fixture = fixture(flavour);
        StoreSnapshot before = fixture.snapshot();
        Map<String, Long> writesBefore = fixture.writeCounters();

        RawHttp.Response response = send(fixture, hostile);

        assertThat(response.status()).as("status of %s, body %s", hostile, abbreviated(response.text()))
                .isEqualTo(hostile.expectedStatus());
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        JsonNode body = ApiJson.mapper().readTree(response.body());
        assertThat(body.size()).as("only an \"error\" member: %s", abbreviated(response.text())).isEqualTo(1);
        JsonNode error = body.get("error");
        assertThat(error).as(abbreviated(response.text())).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo(hostile.expectedCode());
        assertThat(error.get("message").asText()).isNotBlank();
        StoreSnapshot after = fixture.snapshot();
        if (hostile.allowedWrites().isEmpty()) {
            if (hostile.expectedStatus() != 409) {
                // A 409 is decided by a conditional write that fails; every other refusal comes before any write.
                assertThat(fixture.writeCounters()).as("write requests to the stores").isEqualTo(writesBefore);
            }
            assertThat(after).as("every table row and blob").isEqualTo(before);
        } else {
            // The documented exception (a counted pairing attempt): exactly one row under each allowed
            // prefix changed (the counter of the current window), and no other row.
            Set<String> changed = before.changedRows(after);
            assertThat(changed).as("rows written; allowed: %s", hostile.allowedWrites()).allMatch(hostile::mayWrite);
            for (String prefix : hostile.allowedWrites()) {
                assertThat(changed).as("rows written under %s", prefix).filteredOn(key -> key.startsWith(prefix)).hasSize(1);
            }
            assertThat(after.blobs()).as("every blob").isEqualTo(before.blobs());
            assertThat(blobWrites(fixture)).as("write requests to blob storage").isEqualTo(blobWrites(writesBefore));
        }
    }

    /**
     * The snapshot has teeth: an authorized plan whose cursor moved records the device's cursor and
     * last-seen time (docs/devices.md, the last-seen rule), and it shows.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aws", "azure"})
    void snapshot_authorizedPlan_seesTheLastSeenWrite(String flavour) throws Exception {
        Fixture fixture = fixture(flavour);
        StoreSnapshot before = fixture.snapshot();

        RawHttp.Response response = send(fixture, HostileCase.json("an authorized pull-only plan", "POST",
                HostileCorpus.PLAN, Fixture.ADMIN, "{\"cursor\":1}", 200, null));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(fixture.snapshot().rows()).isNotEqualTo(before.rows());
    }

    private static RawHttp.Response send(Fixture fixture, HostileCase hostile) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        hostile.headers().forEach((name, value) -> headers.put(name, fixture.resolve(value)));
        return RawHttp.send(fixture.endpoint(), hostile.method(), fixture.resolve(hostile.path()), headers,
                fixture.resolve(hostile.body()));
    }

    private static Map<String, Long> blobWrites(Fixture fixture) {
        return blobWrites(fixture.writeCounters());
    }

    /** The write counters of S3 and Blob storage: a pairing attempt has no business there. */
    private static Map<String, Long> blobWrites(Map<String, Long> writes) {
        Map<String, Long> blobs = new TreeMap<>(writes);
        blobs.keySet().removeIf(key -> !(key.startsWith("s3.") || key.startsWith("blob.")));
        return blobs;
    }

    private static synchronized Fixture fixture(String flavour) throws IOException, InterruptedException {
        Fixture fixture = FIXTURES.get(flavour);
        if (fixture == null) {
            if (flavour.equals("azure") && AzuriteEmulator.locate().isEmpty()) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail(AzuriteEmulator.notInstalledMessage());
                }
                abort(AzuriteEmulator.notInstalledMessage());
            }
            fixture = Fixture.start(flavour, dataRoot.resolve(flavour));
            FIXTURES.put(flavour, fixture);
        }
        return fixture;
    }

    @AfterAll
    static void stop() {
        FIXTURES.values().forEach(Fixture::close);
        FIXTURES.clear();
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
