package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteIndexStoreTest {
    @TempDir
    Path dir;

    private static IndexRow row(String path, String content, long synced) {
        ContentHash hash = ContentHash.ofBytes(content.getBytes());
        return IndexRow.scanned(VaultPath.of(path), path, new LocalStat(content.length(), 123_000_000L, "(ino=1)", hash))
                .syncedTo(RemoteFile.live(FileVersion.of(synced), hash, content.length(), 123));
    }

    @Test
    void save_rowsAndCursor_readBackAfterReopen() {
        Path file = dir.resolve("index.db");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.fresh()).isTrue();
            index.save(List.of(row("a.txt", "a", 1), row("d/b.txt", "b", 2)), List.of(), 42);
        }
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.fresh()).isFalse();
            assertThat(index.cursor()).isEqualTo(42);
            assertThat(index.load()).containsEntry(VaultPath.of("a.txt"), row("a.txt", "a", 1)).hasSize(2);
            index.save(List.of(), List.of(VaultPath.of("a.txt")), 43);
            assertThat(index.load()).containsOnlyKeys(VaultPath.of("d/b.txt"));
        }
    }

    @Test
    void save_theRemoteExecutableBit_roundTrips_unknownStaysUnknown() {
        Path file = dir.resolve("index.db");
        IndexRow script = row("run.sh", "s", 1).withRemote(RemoteFile.live(FileVersion.of(1),
                ContentHash.ofBytes("s".getBytes()), 1, 123).withExecutable(true));
        IndexRow plain = row("plain.txt", "p", 1).withRemote(RemoteFile.live(FileVersion.of(1),
                ContentHash.ofBytes("p".getBytes()), 1, 123).withExecutable(false));
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            index.save(List.of(script, plain, row("old.txt", "o", 1)), List.of(), 1);
        }
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.load().get(VaultPath.of("run.sh")).remote().executable()).isTrue();
            assertThat(index.load().get(VaultPath.of("plain.txt")).remote().executable()).isFalse();
            assertThat(index.load().get(VaultPath.of("old.txt")).remote().executable()).isNull();
        }
    }

    @Test
    void open_anIndexMadeBeforeTheExecutableBit_getsTheColumn_andKeepsItsRows() throws Exception {
        Path file = dir.resolve("index.db");
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var s = db.createStatement()) {
            s.execute("CREATE TABLE files (path TEXT PRIMARY KEY, local_name TEXT NOT NULL, size INTEGER NOT NULL,"
                    + " mtime_ns INTEGER NOT NULL, file_key TEXT, local_hash TEXT, synced_version INTEGER NOT NULL,"
                    + " synced_hash TEXT, remote_version INTEGER NOT NULL, remote_hash TEXT, remote_size INTEGER NOT NULL,"
                    + " remote_mtime INTEGER NOT NULL)");
            s.execute("INSERT INTO files VALUES ('a.txt', 'a.txt', 1, 5, null, null, 1, '"
                    + ContentHash.ofBytes("a".getBytes()).hex() + "', 1, '" + ContentHash.ofBytes("a".getBytes()).hex()
                    + "', 1, 7)");
        }

        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            RemoteFile remote = index.load().get(VaultPath.of("a.txt")).remote();
            assertThat(remote.mtimeMillis()).isEqualTo(7);
            assertThat(remote.executable()).as("unknown, never false").isNull();
        }
    }

    /** An index as schema 1 wrote it: a column per field, with the executable bit's column. */
    private static void writeSchema1(Path file, String... inserts) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var s = db.createStatement()) {
            s.execute("CREATE TABLE files (path TEXT PRIMARY KEY, local_name TEXT NOT NULL, size INTEGER NOT NULL,"
                    + " mtime_ns INTEGER NOT NULL, file_key TEXT, local_hash TEXT, synced_version INTEGER NOT NULL,"
                    + " synced_hash TEXT, remote_version INTEGER NOT NULL, remote_hash TEXT, remote_size INTEGER NOT NULL,"
                    + " remote_mtime INTEGER NOT NULL, remote_exec INTEGER)");
            s.execute("CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("INSERT INTO state VALUES ('schema', '1'), ('cursor', '17')");
            for (String insert : inserts) {
                s.execute(insert);
            }
        }
    }

    private static String schema1Row(String path, String localName, String localHash, long synced, String syncedHash,
                                     long remote, String remoteHash, String exec) {
        return "INSERT INTO files VALUES ('" + path + "', '" + localName + "', 4, 5000000, '(ino=9)', "
                + (localHash == null ? "null" : "'" + localHash + "'") + ", " + synced + ", "
                + (syncedHash == null ? "null" : "'" + syncedHash + "'") + ", " + remote + ", "
                + (remoteHash == null ? "null" : "'" + remoteHash + "'") + ", 4, 5, " + exec + ")";
    }

    private static String columnOf(Path file, String query) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var s = db.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void open_aSchema1Index_convertsEveryRow_andKeepsTheCursor() throws Exception {
        Path file = dir.resolve("index.db");
        String a = ContentHash.ofBytes("a".getBytes()).hex();
        String b = ContentHash.ofBytes("b".getBytes()).hex();
        writeSchema1(file,
                schema1Row("a.txt", "a.txt", a, 1, a, 1, a, "1"),
                schema1Row("caf\u00e9", "cafe\u0301", b, 2, a, 3, b, "null"),
                schema1Row("gone.txt", "gone.txt", null, 4, null, 4, null, "0"));
        Map<VaultPath, IndexRow> before;
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var s = db.createStatement();
             ResultSet rs = s.executeQuery(ColumnRows.SELECT)) {
            before = ColumnRows.read(rs);
        }

        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.fresh()).isFalse();
            assertThat(index.cursor()).isEqualTo(17);
            assertThat(index.load()).hasSize(3).isEqualTo(before);
            assertThat(index.load().get(VaultPath.of("gone.txt")).remote().tombstone()).isTrue();
        }
        assertThat(columnOf(file, "SELECT value FROM state WHERE key = 'schema'")).isEqualTo("2");
        assertThat(columnOf(file, "SELECT count(*) FROM pragma_table_info('files') WHERE name = 'local_name'")).isEqualTo("0");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.load()).as("converted once, read as it is after").isEqualTo(before);
        }
    }

    @Test
    void open_aSchema1IndexWithARowThatDoesNotParse_failsAndLeavesItAsItWas() throws Exception {
        String a = ContentHash.ofBytes("a".getBytes()).hex();
        openFailsAndLeavesSchema1(schema1Row("b.txt", "b.txt", "not a hash", 1, a, 1, a, "1"));
    }

    @Test
    void open_aSchema1RowWhoseNameOnDiskIsAnotherFile_failsAndLeavesItAsItWas() throws Exception {
        String a = ContentHash.ofBytes("a".getBytes()).hex();
        openFailsAndLeavesSchema1(schema1Row("b.txt", "a.txt", a, 1, a, 1, a, "1"));
    }

    private void openFailsAndLeavesSchema1(String badRow) throws Exception {
        Path file = dir.resolve("index.db");
        String a = ContentHash.ofBytes("a".getBytes()).hex();
        writeSchema1(file, schema1Row("a.txt", "a.txt", a, 1, a, 1, a, "1"), badRow);

        assertThatThrownBy(() -> SqliteIndexStore.open(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot open the local index");

        assertThat(columnOf(file, "SELECT value FROM state WHERE key = 'schema'")).isEqualTo("1");
        assertThat(columnOf(file, "SELECT count(*) FROM files WHERE local_name IS NOT NULL")).isEqualTo("2");
        assertThat(columnOf(file, "SELECT count(*) FROM sqlite_master WHERE name = 'files_schema1'")).isEqualTo("0");
        assertThat(savedCopies()).as("not corruption: nothing moved aside").isEmpty();
    }

    @Test
    void open_usesWalJournal() throws Exception {
        Path file = dir.resolve("index.db");
        SqliteIndexStore.open(file).close();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var s = db.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void save_failingMidway_leavesPreviousStateAndCursor() {
        Path file = dir.resolve("index.db");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            index.save(List.of(row("a.txt", "a", 1)), List.of(), 5);
            assertThatThrownBy(() -> index.save(
                    Arrays.asList(row("c.txt", "c", 3), null), List.of(), 9)).isInstanceOf(RuntimeException.class);
            assertThat(index.cursor()).isEqualTo(5);
            assertThat(index.load()).containsOnlyKeys(VaultPath.of("a.txt"));
        }
    }

    @Test
    void open_corruptFile_isMovedAsideAndRebuiltEmpty() throws Exception {
        Path file = dir.resolve("index.db");
        Files.writeString(file, "garbage ".repeat(1000));
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.fresh()).isTrue();
            assertThat(index.load()).isEmpty();
            assertThat(index.chunks().locate(List.of(ContentHash.ofBytes(new byte[1])))).isEmpty();
        }
        assertThat(dir.resolve("index.db.corrupt")).exists();
    }

    @Test
    void open_corruptAgain_neverOverwritesAnEarlierSavedCopy() throws Exception {
        Path file = dir.resolve("index.db");
        Files.writeString(dir.resolve("index.db.corrupt"), "the copy saved last time");
        Files.writeString(file, "garbage ".repeat(1000));

        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.recovered()).isTrue();
        }

        assertThat(Files.readString(dir.resolve("index.db.corrupt"))).isEqualTo("the copy saved last time");
        assertThat(savedCopies()).hasSize(2).anySatisfy(copy -> assertThat(Files.readString(copy)).startsWith("garbage"));
    }

    @Test
    void open_corruptWithAWriteAheadLog_keepsTheLogBesideTheSavedCopy() throws Exception {
        Path file = dir.resolve("index.db");
        Files.writeString(file, "garbage ".repeat(1000));
        Files.writeString(dir.resolve("index.db-wal"), "the log may hold the last commits");

        SqliteIndexStore.open(file).close();

        assertThat(savedCopies()).anySatisfy(copy -> assertThat(copy.getFileName().toString()).endsWith("-wal"))
                .anySatisfy(copy -> assertThat(Files.readString(copy)).isEqualTo("the log may hold the last commits"));
    }

    @Test
    void open_truncatedDatabase_failsItsCheckAndIsMovedAside() throws Exception {
        Path file = dir.resolve("index.db");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            List<IndexRow> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                rows.add(row("dir/file-" + i + ".txt", "content " + i, i + 1));
            }
            index.save(rows, List.of(), 7);
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.recovered()).isTrue();
            assertThat(index.load()).isEmpty();
        }
        assertThat(savedCopies()).isNotEmpty();
    }

    @Test
    void open_aFileClosedCleanAndUnwrittenSince_skipsTheCheck_anyWriteBringsItBack() throws Exception {
        Path file = dir.resolve("index.db");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            index.save(List.of(row("a.txt", "a", 1)), List.of(), 3);
        }
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.checked()).as("closed clean, nothing wrote it since").isFalse();
            assertThat(index.load()).containsOnlyKeys(VaultPath.of("a.txt"));
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var s = db.createStatement()) {
            s.execute("UPDATE state SET value = '4' WHERE key = 'cursor'");
        }

        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.checked()).as("written by another program").isTrue();
            assertThat(index.cursor()).isEqualTo(4);
        }
    }

    @Test
    void open_whileAnotherConnectionHoldsTheIndex_checksIt() throws Exception {
        Path file = dir.resolve("index.db");
        SqliteIndexStore.open(file).close();
        try (var other = DriverManager.getConnection("jdbc:sqlite:" + file); var s = other.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("UPDATE state SET value = '5' WHERE key = 'cursor'");
            try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
                assertThat(index.checked()).as("a write-ahead log beside it").isTrue();
            }
        }
    }

    /** Damage that keeps the file's size and time gets past the stamp once: that run fails, the next open rebuilds. */
    @Test
    void open_damageThatKeepsSizeAndTime_failsOneRead_thenIsCheckedAndMovedAside() throws Exception {
        Path file = dir.resolve("index.db");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            List<IndexRow> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                rows.add(row("dir/file-" + i + ".txt", "content " + i, i + 1));
            }
            index.save(rows, List.of(), 7);
        }
        var time = Files.getLastModifiedTime(file);
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, bytes.length / 4, bytes.length, (byte) 0x5a);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, time);

        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.checked()).isFalse();
            assertThatThrownBy(index::load).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot read the local index")
                    .hasMessageContaining("move it aside and sync again");
        }
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.checked()).isTrue();
            assertThat(index.recovered()).isTrue();
            assertThat(index.load()).isEmpty();
        }
        assertThat(savedCopies()).isNotEmpty();
    }

    /**
     * Damage past the stamp in a table other than the files (the chunk lists): the run
     * that meets it fails, and must not vouch for the file again on close, or every later run skips
     * the check and fails the same way, never rebuilding.
     */
    @Test
    void open_damageKeepingSizeAndTimeOutsideTheFiles_failsOneRun_thenIsCheckedAndMovedAside() throws Exception {
        Path file = dir.resolve("index.db");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            index.save(List.of(row("a.txt", "a", 1)), List.of(), 7);
        }
        var time = Files.getLastModifiedTime(file);
        List<Integer> chunkPages = new ArrayList<>();
        // Read from a copy: a connection to the index itself would write it (and void the stamp).
        Path copy = Files.copy(file, dir.resolve("copy.db"));
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + copy); var s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE tbl_name IN ('chunks', 'chunk_lists')")) {
            while (rs.next()) {
                chunkPages.add(rs.getInt(1));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        int pageSize = (bytes[16] & 0xff) << 8 | bytes[17] & 0xff;
        chunkPages.forEach(page -> Arrays.fill(bytes, (page - 1) * pageSize, page * pageSize, (byte) 0x5a));
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, time);

        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.checked()).isFalse();
            assertThat(index.load()).containsOnlyKeys(VaultPath.of("a.txt"));
            assertThatThrownBy(() -> index.chunks().locate(List.of(ContentHash.ofBytes(new byte[1]))))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot read the local index's chunks");
        }
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.checked()).as("the run that failed to read it voided the stamp").isTrue();
            assertThat(index.recovered()).isTrue();
            assertThat(index.chunks().locate(List.of(ContentHash.ofBytes(new byte[1])))).isEmpty();
        }
        assertThat(savedCopies()).isNotEmpty();
    }

    /** Not corruption: what cannot be opened stays where it is, and the error says why. */
    @Test
    void open_aFolderWhereTheIndexShouldBe_isAnErrorThatMovesNothing() throws Exception {
        Path file = Files.createDirectories(dir.resolve("index.db"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteIndexStore.open(file))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("cannot open the local index");

        assertThat(file).isDirectory();
        assertThat(savedCopies()).isEmpty();
    }

    private List<Path> savedCopies() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".corrupt")).sorted().toList();
        }
    }
}
