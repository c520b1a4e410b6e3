package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.service.BlobMark;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.RetentionReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of {@link io.skysync.service.RetentionJob}, driven through the API with a clock the test moves. */
class RetentionJobTest {
    private static final VaultId HOME = new VaultId("home");
    private DevicesFixture api;
    private ApiDevice laptop;
    private ApiDevice phone;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture();
        laptop = new ApiDevice(api, "home", "laptop", api.createVault("home"));
        phone = new ApiDevice(api, "home", "phone", api.pairNew("home", laptop.token, "phone", "member").get("token").asText());
    }

    // ----- change log -----

    @Test
    void log_olderThanRetentionAndSeenByEveryActiveDevice_pruned() {
        laptop.write("a", "1");
        laptop.write("b", "2");
        assertOk(laptop.sync(), 200);
        assertOk(phone.sync(), 200);
        api.clock.advance(Duration.ofDays(31));
        laptop.write("c", "3");
        assertOk(laptop.sync(), 200);
        assertOk(laptop.sync(), 200);
        assertOk(phone.sync(), 200);
        assertOk(phone.sync(), 200); // both cursors now at 3, recorded at day 31

        RetentionReport.VaultReport report = run(RetentionPolicy.DEFAULT);

        assertThat(report.logFloor()).isEqualTo(Seq.of(2));
        assertThat(api.memory.vault(HOME).orElseThrow().logFloor()).isEqualTo(Seq.of(2));
        assertError(api.get("/v1/vaults/home/changes", Map.of("since", "1"), laptop.token), ErrorCode.CURSOR_EXPIRED);
        assertOk(api.get("/v1/vaults/home/changes", Map.of("since", "2"), laptop.token), 200);
    }

    @Test
    void log_activeDeviceBehind_pinsTheFloorAtItsCursor() {
        laptop.write("a", "1");
        assertOk(laptop.sync(), 200);
        api.clock.advance(Duration.ofDays(40));
        laptop.write("b", "2");
        assertOk(laptop.sync(), 200);
        assertOk(laptop.sync(), 200);
        assertOk(phone.pull(), 200); // phone pulls but has planned only at cursor 0 ...
        api.post("/v1/vaults/home/plan", phone.token, obj("cursor", 0, "changes", List.of())); // ... seen today at 0

        assertThat(run(RetentionPolicy.DEFAULT).logFloor()).isEqualTo(Seq.ZERO);
    }

    @Test
    void log_revokedOrSilentDevice_doesNotPin() {
        laptop.write("a", "1");
        assertOk(laptop.sync(), 200);
        api.clock.advance(Duration.ofDays(40)); // the phone, at cursor 0, has been silent for 40 days
        laptop.write("b", "2");
        assertOk(laptop.sync(), 200);
        assertOk(laptop.sync(), 200);

        assertThat(run(RetentionPolicy.DEFAULT).logFloor()).isEqualTo(Seq.of(1));
        assertError(phone.pull(), ErrorCode.CURSOR_EXPIRED);
    }

    // ----- history -----

    @Test
    void history_keepsTheNewestTenAndEveryVersionReplacedWithinTheRetention() {
        for (int i = 1; i <= 14; i++) {
            laptop.write("doc", "v" + i);
            assertOk(laptop.sync(), 200);
            api.clock.advance(Duration.ofDays(i <= 12 ? 1 : 20));
        }
        // v1..v11 were replaced on days 1..11, v12 on day 12, v13 on day 32; now is day 52.

        RetentionReport.VaultReport report = run(RetentionPolicy.DEFAULT);

        assertThat(report.historyDeleted()).isEqualTo(4);
        assertThat(api.memory.history(HOME, VaultPath.of("doc"), 100)).extracting(e -> e.version().value())
                .containsExactly(14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L);
    }

    @Test
    void history_deletedFileKeepsItsLastVersionsAndStaysRestorable() {
        laptop.write("gone", "precious");
        assertOk(laptop.sync(), 200);
        laptop.delete("gone");
        assertOk(laptop.sync(), 200);
        api.clock.advance(Duration.ofDays(400));

        run(RetentionPolicy.DEFAULT);
        api.clock.advance(Duration.ofDays(2));
        run(RetentionPolicy.DEFAULT);

        assertThat(api.memory.history(HOME, VaultPath.of("gone"), 10)).hasSize(2);
        assertThat(api.blobs.get(HOME, ApiDevice.hash("precious"))).isPresent();
    }

    // ----- blobs -----

    @Test
    void blobs_abandonedUpload_markedThenDeletedAfterTheMarkAge() {
        laptop.write("kept", "kept");
        assertOk(laptop.sync(), 200);
        ContentHash abandoned = api.putBlob("home", "uploaded, never committed");
        api.clock.advance(Duration.ofDays(2));

        RetentionReport.VaultReport first = run(RetentionPolicy.DEFAULT);
        assertThat(first.blobsMarked()).isEqualTo(1);
        assertThat(api.blobs.get(HOME, abandoned)).isPresent();
        api.clock.advance(Duration.ofMinutes(59));
        assertThat(run(RetentionPolicy.DEFAULT).blobsDeleted()).isZero();
        api.clock.advance(Duration.ofMinutes(1));

        RetentionReport.VaultReport second = run(RetentionPolicy.DEFAULT);

        assertThat(second.blobsDeleted()).isEqualTo(1);
        assertThat(api.blobs.get(HOME, abandoned)).isEmpty();
        assertThat(api.blobs.get(HOME, ApiDevice.hash("kept"))).isPresent();
        assertThat(api.retention.marks(HOME)).isEmpty();
    }

    @Test
    void blobs_youngerThanTheGrace_notMarked() {
        api.putBlob("home", "fresh upload");
        api.clock.advance(Duration.ofHours(23));

        assertThat(run(RetentionPolicy.DEFAULT).blobsMarked()).isZero();
    }

    @Test
    void blobs_markedButWantedByAPlan_markTakenAwayAndBlobKept() {
        ContentHash blob = api.putBlob("home", "wanted again");
        api.clock.advance(Duration.ofDays(2));
        run(RetentionPolicy.DEFAULT);
        assertThat(api.retention.marks(HOME)).hasSize(1);

        laptop.write("back", "wanted again");
        var plan = assertOk(api.post("/v1/vaults/home/plan", laptop.token, obj("cursor", 0, "changes",
                List.of(obj("path", "back", "baseVersion", 0, "hash", blob.hex(), "size", 12)))), 200);
        assertThat(plan.get("uploads")).isEmpty();
        assertThat(api.retention.marks(HOME)).isEmpty();
        api.clock.advance(Duration.ofHours(2));
        run(RetentionPolicy.DEFAULT);
        assertOk(laptop.sync(), 200);

        assertThat(api.blobs.get(HOME, blob)).isPresent();
    }

    @Test
    void blobs_doomed_commitAnswersMissingBlobAndPlanAsksForAnUpload() {
        ContentHash blob = api.putBlob("home", "doomed");
        api.retention.mark(HOME, blob, api.clock.instant());
        assertThat(api.retention.doom(HOME, new BlobMark(blob, api.clock.instant(), false))).isTrue();

        var plan = assertOk(api.post("/v1/vaults/home/plan", laptop.token, obj("cursor", 0, "changes",
                List.of(obj("path", "x", "baseVersion", 0, "hash", blob.hex(), "size", 6)))), 200);
        var commit = assertOk(api.post("/v1/vaults/home/commit", laptop.token, obj("entries",
                List.of(obj("path", "x", "baseVersion", 0, "hash", blob.hex(), "size", 6)))), 200);

        assertThat(plan.get("uploads")).hasSize(1);
        assertThat(commit.get("results").get(0).get("status").asText()).isEqualTo("missing_blob");
        assertThat(api.memory.currentEntries(HOME)).isEmpty();
    }

    @Test
    void blobs_markedThenCommittedByACommitThatCheckedBeforeTheMark_releasedNotDeleted() {
        ContentHash blob = api.putBlob("home", "late commit");
        api.clock.advance(Duration.ofDays(2));
        run(RetentionPolicy.DEFAULT);
        // Simulates a commit that cleared the blob just before the mark and wrote just after it.
        BlobMark mark = api.retention.marks(HOME).get(0);
        laptop.write("late", "late commit");
        api.retention.remove(HOME, mark);
        assertOk(laptop.sync(), 200);
        api.retention.mark(HOME, blob, mark.markedAt());
        api.clock.advance(Duration.ofHours(2));

        RetentionReport.VaultReport report = run(RetentionPolicy.DEFAULT);

        assertThat(report.marksReleased()).isEqualTo(1);
        assertThat(report.blobsDeleted()).isZero();
        assertThat(api.blobs.get(HOME, blob)).isPresent();
        assertThat(api.retention.marks(HOME, Set.of(blob))).isEmpty();
    }

    private RetentionReport.VaultReport run(RetentionPolicy policy) {
        RetentionReport report = api.retentionJob(policy).run();
        assertThat(report.failed()).isEmpty();
        return report.vaults().stream().filter(v -> v.vault().equals(HOME)).findFirst().orElseThrow();
    }
}
