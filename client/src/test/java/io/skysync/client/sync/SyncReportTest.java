package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyncReportTest {
    @Test
    void views_cannotBeChanged_fromOutsideTheEngine() {
        SyncReport report = new SyncReport();
        report.uploaded("a");

        assertThatThrownBy(() -> report.uploaded().add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report.failures().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(report.uploaded()).containsExactly("a");
    }

    @Test
    void clean_andNothingDone_sayWhatTheyMean() {
        SyncReport report = new SyncReport();
        assertThat(report.clean()).isTrue();
        assertThat(report.nothingDone()).isTrue();

        report.waiting("w");
        assertThat(report.clean()).isTrue();
        assertThat(report.nothingDone()).isFalse();

        report.failure(new SyncReport.Failure("f", "why"));
        assertThat(report.clean()).isFalse();
    }

    @Test
    void toJson_hasTheDocumentedKeys_andCountsAddUp() {
        SyncReport report = new SyncReport();
        report.downloaded("a", 10);
        report.downloaded("b", 5);
        report.blobsSent(2, 30);
        report.blobsRepaired(1);
        report.apiCalls(3);
        report.apiCalls(2);

        assertThat(report.toJson()).containsKeys("dryRun", "uploaded", "downloaded", "deletedLocal", "deletedRemote",
                        "waiting", "conflicts", "failures", "warnings", "bytesUploaded", "bytesDownloaded", "blobsUploaded",
                        "blobsRepaired", "hashed", "apiCalls", "indexRebuilt")
                .containsEntry("bytesDownloaded", 15L).containsEntry("bytesUploaded", 30L).containsEntry("apiCalls", 5);
    }
}
