package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowCodecTest {
    private static final ContentHash A = hash("a");
    private static final ContentHash B = hash("b");
    private static final ContentHash C = hash("c");
    private static final VaultPath PATH = VaultPath.of("docs/caf\u00e9.txt");

    private static ContentHash hash(String text) {
        return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static IndexRow synced() {
        return IndexRow.scanned(PATH, PATH.value(), new LocalStat(4096, 1_700_000_000_123_456_789L, "(dev=1,ino=2)", A))
                .syncedTo(RemoteFile.live(FileVersion.of(3), A, 4096, 1_700_000_000_123L));
    }

    /** Every shape a row takes: each field, each way of sharing a hash or a version, each unknown. */
    private static List<IndexRow> rows() {
        return List.of(
                IndexRow.empty(PATH),
                synced(),
                synced().withRemote(synced().remote().withExecutable(true)),
                synced().withRemote(synced().remote().withExecutable(false)),
                IndexRow.scanned(PATH, "docs/cafe\u0301.txt", new LocalStat(0, LocalStat.UNTRUSTED_MTIME, null, A)),
                synced().withoutLocal(),
                synced().withRemote(RemoteFile.tombstone(FileVersion.of(4))),
                synced().withRemote(RemoteFile.live(FileVersion.of(5), B, 7, -1)),
                synced().withSynced(Snapshot.live(2, B)).withRemote(RemoteFile.live(FileVersion.of(5), B, 7, 9)),
                synced().withSynced(Snapshot.live(2, B)).withRemote(RemoteFile.live(FileVersion.of(5), C, 7, 9)),
                synced().withSynced(Snapshot.tombstone(2)).withRemote(RemoteFile.live(FileVersion.of(Long.MAX_VALUE), C,
                        Long.MAX_VALUE, Long.MIN_VALUE)),
                IndexRow.empty(PATH).withRemote(RemoteFile.live(FileVersion.of(1), C, 1, 1)));
    }

    @Test
    void decode_ofEncode_isTheRow_forEveryShape() {
        for (IndexRow row : rows()) {
            assertThat(RowCodec.decode(RowCodec.encode(row))).as(row.toString()).isEqualTo(row);
        }
    }

    @Test
    void decode_twoRows_shareTheObjectOfASmallVersion_andKeepEveryVersionsValue() {
        for (long version : new long[] {1, 3, 255, 256, 1L << 40}) {
            IndexRow row = synced().syncedTo(RemoteFile.live(FileVersion.of(version), A, 4096, 1_700_000_000_123L));

            IndexRow one = RowCodec.decode(RowCodec.encode(row));
            IndexRow other = RowCodec.decode(RowCodec.encode(row));

            assertThat(one).isEqualTo(row);
            assertThat(one.synced().version().value()).isEqualTo(version);
            if (version < 256) {
                assertThat(one.synced().version()).isSameAs(other.synced().version());
            }
        }
    }

    @Test
    void decode_aSyncedRow_holdsItsContentAndVersionOnce() {
        IndexRow row = RowCodec.decode(RowCodec.encode(synced()));

        assertThat(row.synced().content()).isSameAs(row.localHash()).isSameAs(row.remote().hash());
        assertThat(row.remote().version()).isSameAs(row.synced().version());
        assertThat(row.localName()).isSameAs(row.path().value());
        assertThat(RowCodec.encode(synced()).length).as("one hash of 32 bytes, not three").isLessThan(100);
    }

    @Test
    void decode_damagedBytes_isRefused_neverARowOfSomethingElse() {
        byte[] good = RowCodec.encode(synced().withRemote(RemoteFile.live(FileVersion.of(5), B, 7, 9)));
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> RowCodec.decode(cut)).as("cut at " + length).isInstanceOf(RuntimeException.class);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> RowCodec.decode(longer)).hasMessageContaining("after its end");
        byte[] otherFormat = good.clone();
        otherFormat[0] = 9;
        assertThatThrownBy(() -> RowCodec.decode(otherFormat)).hasMessageContaining("unknown format");
    }

    @Test
    void decode_aLocalNameThatIsNotItsPath_isRefused() {
        // A damaged or edited row must not point a path's deletes and writes at another file.
        for (String other : List.of("docs/other.txt", "../outside.txt", "docs/cafe.txt", "DOCS/caf\u00e9.txt")) {
            byte[] row = RowCodec.encode(IndexRow.scanned(PATH, other, new LocalStat(1, 1, null, A)));
            assertThatThrownBy(() -> RowCodec.decode(row)).as(other).hasMessageContaining("not the name of its path");
        }
        IndexRow nfd = IndexRow.scanned(PATH, "docs/cafe\u0301.txt", new LocalStat(1, 1, null, A));
        assertThat(RowCodec.decode(RowCodec.encode(nfd)).localName()).isEqualTo("docs/cafe\u0301.txt");
    }
}
