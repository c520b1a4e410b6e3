package io.skysync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendHostTest {
    @TempDir
    Path tmp;

    @Test
    void counters_twoKinds_sumEachKindAndListEachNameAndResetBoth() {
        Map<String, Long> functions = new TreeMap<>(Map.of("GET /v1/health", 2L, "POST /v1/vaults", 1L));
        Map<String, Long> blobs = new TreeMap<>(Map.of("PUT", 4L));
        try (LocalBackendHost host = LocalBackendHost.open(tmp.resolve("data"), "test")) {
            host.count("function.invocations", () -> functions, functions::clear);
            host.count("blob.requests", () -> blobs, blobs::clear);

            assertThat(host.counters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "function.invocations", 3L, "function.invocations[GET /v1/health]", 2L,
                    "function.invocations[POST /v1/vaults]", 1L, "blob.requests", 4L, "blob.requests[PUT]", 4L));
            host.resetCounters();
            assertThat(host.counters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "function.invocations", 0L, "blob.requests", 0L));
        }
    }

    @Test
    void close_closesResourcesInReverseOrderThenReleasesTheFolder() {
        Path dir = tmp.resolve("data");
        List<String> closed = new ArrayList<>();
        LocalBackendHost host = LocalBackendHost.open(dir, "test");
        host.closeLater(() -> closed.add("store"));
        host.closeLater(() -> closed.add("composition"));

        host.close();
        host.close();

        assertThat(closed).containsExactly("composition", "store");
        try (LocalBackendHost again = LocalBackendHost.open(dir, "test")) {
            assertThat(again.bootstrapSecret()).isEqualTo(host.bootstrapSecret());
        }
    }

    @Test
    void close_aResourceFails_stillClosesTheOthersAndReleasesTheFolderThenThrows() {
        Path dir = tmp.resolve("data");
        List<String> closed = new ArrayList<>();
        LocalBackendHost host = LocalBackendHost.open(dir, "test");
        host.closeLater(() -> closed.add("store"));
        host.closeLater(() -> {
            throw new IllegalStateException("emulator would not stop");
        });

        assertThatThrownBy(host::close).hasMessage("emulator would not stop");

        assertThat(closed).containsExactly("store");
        try (LocalBackendHost again = LocalBackendHost.open(dir, "test")) {
            assertThat(again.toString()).contains("(not serving)").contains("(test)");
        }
    }

    @Test
    void open_folderInUse_failsAndLeavesTheFirstHostOpen() {
        Path dir = tmp.resolve("data");
        try (LocalBackendHost first = LocalBackendHost.open(dir, "test")) {
            assertThatThrownBy(() -> LocalBackendHost.open(dir, "test"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another skysync backend");
            assertThat(first.storeFolder("s3")).isDirectory();
        }
    }
}
