package io.skysync.client.index;

import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.sqlite.JDBC;

/**
 * The index in SQLite ({@code DIR/.skysync/index.db}, WAL journal). A database that SQLite calls
 * corrupt ({@code SQLITE_CORRUPT}, {@code SQLITE_NOTADB}) or that fails {@code PRAGMA quick_check}
 * is moved aside with its write-ahead log (as {@code index.db.corrupt}, then
 * {@code index.db.corrupt.2}..., never over an earlier copy) and rebuilt empty: the next sync
 * rescans and matches hashes against the manifest, so nothing is re-uploaded and no false conflict
 * appears. Any other failure (a full disk, an I/O error, no permission) is an error that changes
 * nothing: the index is the only record of what was synced, and losing it makes a file deleted
 * here come back from the server. The check is skipped for a file this program closed after a
 * clean check and that nothing has written since ({@link CheckStamp}).
 */
public final class SqliteIndexStore implements IndexStore {
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;
    private static final long NEARLY_FULL = 1024 * 1024;
    private final Path file;
    private final Connection db;
    private final boolean fresh;
    private final boolean recovered;
    private final boolean checked;
    /**
     * A read or write of this run failed (any table: the files, the cursor, the chunk lists): the
     * file is not stamped as checked when closed, so the next open checks it. Set from the chunk
     * index's thread too.
     */
    private volatile boolean damaged;

    private SqliteIndexStore(Path file, Connection db, boolean fresh, boolean recovered, boolean checked) {
        this.file = file;
        this.db = db;
        this.fresh = fresh;
        this.recovered = recovered;
        this.checked = checked;
    }

    /** @throws UncheckedIOException if the index cannot be opened for any reason but corruption */
    public static SqliteIndexStore open(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        boolean existed = Files.exists(file);
        // The stamp names the file's exact size and time: any write from here on (this run's too) voids it.
        boolean check = existed && !CheckStamp.matches(file);
        Path keptLog = SavedCopy.keepLog(file);
        Connection db = null;
        try {
            db = connect(file);
            if (check) {
                requireHealthy(db);
            }
            SqliteIndexStore opened = new SqliteIndexStore(file, db, createSchema(db), false, check);
            SavedCopy.deleteQuietly(keptLog);
            return opened;
        } catch (SQLException e) {
            closeQuietly(db);
            if (!corrupt(e)) {
                SavedCopy.deleteQuietly(keptLog);
                throw failure(describe("cannot open the local index " + file, file, e), e);
            }
        }
        return rebuilt(file, keptLog);
    }

    private static SqliteIndexStore rebuilt(Path file, Path keptLog) {
        List<Path[]> moved = SavedCopy.moveAside(file, keptLog);
        Connection db = null;
        try {
            db = connect(file);
            createSchema(db);
            return new SqliteIndexStore(file, db, true, true, true);
        } catch (SQLException e) {
            closeQuietly(db);
            SavedCopy.putBack(file, moved);
            throw failure(describe("cannot rebuild the corrupt local index " + file, file, e), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        // The driver itself, not DriverManager: that scans every jar for drivers and builds a log line
        // on each call, a few milliseconds of every command's start for one driver we know.
        Connection db = JDBC.createConnection("jdbc:sqlite:" + file.toAbsolutePath(), new Properties());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
        } catch (SQLException e) {
            closeQuietly(db);
            throw e;
        }
        return db;
    }

    /** A check that fails to run (a full disk) is not a failed check: its exception goes up as it is. */
    private static void requireHealthy(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equalsIgnoreCase(result)) {
                throw new SQLException("quick_check: " + result, "corrupt", SQLITE_CORRUPT);
            }
        }
    }

    static boolean corrupt(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                int primary = sql.getErrorCode() & 0xff;
                if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The error, and what to do when the disk is (nearly) full, which SQLite often calls an I/O error. */
    private static String describe(String what, Path file, SQLException e) {
        String message = what + ": " + e.getMessage();
        try {
            long free = Files.getFileStore(file.getParent()).getUsableSpace();
            if (free < NEARLY_FULL) {
                return message + "; the disk is full (" + free + " bytes free): free some space and run again;"
                        + " nothing was changed";
            }
        } catch (IOException ignored) {
            // No figure to add.
        }
        return message;
    }

    /** A local I/O failure (the disk, not the data), reported as such. */
    private static UncheckedIOException failure(String message, SQLException cause) {
        return new UncheckedIOException(new IOException(message, cause));
    }

    private static void closeQuietly(Connection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // It failed already; the first error is the one to report.
            }
        }
    }

    /** @return true if the schema was created now (an empty index) */
    private static boolean createSchema(Connection db) throws SQLException {
        try {
            return IndexSchema.create(db);
        } catch (RuntimeException e) {
            // A row of an old index that does not parse: an error that changes nothing, as reading it was.
            throw new SQLException("cannot convert its rows: " + e.getMessage(), e);
        }
    }

    @Override
    public ChunkIndex chunks() {
        return new SqliteChunkIndex(db, this::failed);
    }

    @Override
    public boolean recovered() {
        return recovered;
    }

    @Override
    public boolean fresh() {
        return fresh;
    }

    @Override
    public Map<VaultPath, IndexRow> load() {
        KeyedMap.Builder<VaultPath, IndexRow> rows = KeyedMap.builder(IndexRow::path, 1024);
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT row FROM files")) {
            while (rs.next()) {
                rows.put(RowCodec.decode(rs.getBytes(1)));
            }
            // Frozen, not copied: the run's stages share these rows (1 000 000 of them in a large tree).
            return rows.build();
        } catch (SQLException | IllegalArgumentException | SkysyncException e) {
            failed();
            // A row that does not parse (a damaged file, a path the vault would refuse) is an error, never skipped.
            // SQLite may still call such a file sound, so the way out is said here.
            throw new IllegalStateException("cannot read the local index " + file + ": " + e.getMessage()
                    + "; move it aside and sync again (the next sync rebuilds it from the files and the vault)", e);
        }
    }

    @Override
    public long cursor() {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT value FROM state WHERE key='cursor'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        } catch (SQLException | NumberFormatException e) {
            failed();
            throw new IllegalStateException("cannot read the local index: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Collection<IndexRow> rows, Collection<VaultPath> removed, long cursor) {
        try {
            db.setAutoCommit(false);
            try (PreparedStatement upsert = db.prepareStatement("INSERT OR REPLACE INTO files (path, row) VALUES (?, ?)");
                 PreparedStatement delete = db.prepareStatement("DELETE FROM files WHERE path = ?");
                 PreparedStatement state = db.prepareStatement("UPDATE state SET value = ? WHERE key = 'cursor'")) {
                for (IndexRow r : rows) {
                    upsert.setString(1, r.path().value());
                    upsert.setBytes(2, RowCodec.encode(r));
                    upsert.addBatch();
                }
                upsert.executeBatch();
                for (VaultPath path : removed) {
                    delete.setString(1, path.value());
                    delete.addBatch();
                }
                delete.executeBatch();
                state.setString(1, Long.toString(cursor));
                state.executeUpdate();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failed();
            throw failure(describe("cannot write the local index " + file, file, e), e);
        }
    }

    /** Forgets the stamp now (a run that dies before closing leaves none) and keeps it from being written. */
    private void failed() {
        damaged = true;
        CheckStamp.forget(file);
    }

    /** Whether this open ran {@code PRAGMA quick_check} (false: a new file, or one the stamp vouches for). */
    boolean checked() {
        return checked;
    }

    @Override
    public void close() {
        try {
            db.close();
            if (!damaged) {
                CheckStamp.record(file);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the local index: " + e.getMessage(), e);
        }
    }
}
