package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.content.Chunk;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunk lists in the real SQLite index: kept across opens, found by chunk id in batches, tidied, upgraded into. */
class SqliteChunkIndexTest {
    private static final ContentHash BIG = hash("big file");
    private static final ContentHash COPY = hash("an edited copy");
    private static final Chunk C1 = chunk("c1", 100);
    private static final Chunk C2 = chunk("c2", 200);
    private static final Chunk C3 = chunk("c3", 300);

    @TempDir
    Path dir;

    @Test
    void record_isReadBackAfterReopen_inFileOrder() {
        Path file = dir.resolve("index.db");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            index.chunks().record(new ChunkList(BIG, 600, List.of(C1, C2, C3)));
        }
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            ChunkList list = index.chunks().list(BIG);
            assertThat(list.chunks()).containsExactly(C1, C2, C3);
            assertThat(list.offsets()).containsExactly(0, 100, 300);
            assertThat(index.chunks().list(COPY)).isNull();
        }
    }

    @Test
    void record_again_replacesTheContentsList() {
        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            index.chunks().record(new ChunkList(BIG, 600, List.of(C1, C2, C3)));
            index.chunks().record(new ChunkList(BIG, 600, List.of(C3, C2, C1)));

            assertThat(index.chunks().list(BIG).chunks()).containsExactly(C3, C2, C1);
            assertThat(index.chunks().locate(List.of(C1.id()))).as("one place per chunk and content")
                    .containsExactly(new ChunkIndex.Located(C1.id(), BIG, 500, 100));
        }
    }

    @Test
    void locate_findsEveryContentHoldingAChunk_atItsFirstOffset() {
        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            index.chunks().record(new ChunkList(BIG, 600, List.of(C1, C2, C3)));
            index.chunks().record(new ChunkList(COPY, 500, List.of(C2, C1, C2)));

            assertThat(index.chunks().locate(List.of(C2.id(), hash("unknown"))))
                    .containsExactlyInAnyOrder(new ChunkIndex.Located(C2.id(), BIG, 100, 200),
                            new ChunkIndex.Located(C2.id(), COPY, 0, 200));
        }
    }

    @Test
    void locate_moreIdsThanOneQueryTakes_answersThemAll() {
        List<Chunk> many = IntStream.range(0, SqliteChunkIndex.BATCH * 2 + 7).mapToObj(i -> chunk("n" + i, 1)).toList();
        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            index.chunks().record(new ChunkList(BIG, many.size(), many));

            List<ContentHash> ids = new ArrayList<>(many.stream().map(Chunk::id).toList());
            assertThat(index.chunks().locate(ids)).hasSize(many.size())
                    .allSatisfy(l -> assertThat(l.content()).isEqualTo(BIG));
        }
    }

    @Test
    void retain_forgetsTheListsOfContentsNoLongerHeld() {
        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            index.chunks().record(new ChunkList(BIG, 600, List.of(C1, C2, C3)));
            index.chunks().record(new ChunkList(COPY, 300, List.of(C1, C2)));

            index.chunks().retain(Set.of(COPY));

            assertThat(index.chunks().list(BIG)).isNull();
            assertThat(index.chunks().locate(List.of(C3.id()))).isEmpty();
            assertThat(index.chunks().locate(List.of(C1.id()))).extracting(ChunkIndex.Located::content).containsExactly(COPY);
        }
    }

    @Test
    void open_anIndexMadeBeforeChunkLists_getsTheTables_andKeepsItsRows() throws Exception {
        Path file = dir.resolve("index.db");
        String a = hash("a").hex();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var s = db.createStatement()) {
            s.execute("CREATE TABLE files (path TEXT PRIMARY KEY, local_name TEXT NOT NULL, size INTEGER NOT NULL,"
                    + " mtime_ns INTEGER NOT NULL, file_key TEXT, local_hash TEXT, synced_version INTEGER NOT NULL,"
                    + " synced_hash TEXT, remote_version INTEGER NOT NULL, remote_hash TEXT, remote_size INTEGER NOT NULL,"
                    + " remote_mtime INTEGER NOT NULL, remote_exec INTEGER)");
            s.execute("CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("INSERT INTO state VALUES ('schema', '1'), ('cursor', '9')");
            s.execute("INSERT INTO files VALUES ('a.txt', 'a.txt', 1, 5, null, '" + a + "', 1, '" + a + "', 1, '" + a
                    + "', 1, 7, null)");
        }

        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.fresh()).isFalse();
            assertThat(index.cursor()).isEqualTo(9);
            assertThat(index.load()).containsOnlyKeys(VaultPath.of("a.txt"));
            assertThat(index.chunks().list(BIG)).as("no lists yet").isNull();
            index.chunks().record(new ChunkList(BIG, 300, List.of(C1, C2)));
            assertThat(index.chunks().list(BIG).chunks()).containsExactly(C1, C2);
        }
    }

    private static Chunk chunk(String name, int size) {
        return new Chunk(hash(name), size);
    }

    private static ContentHash hash(String text) {
        return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
