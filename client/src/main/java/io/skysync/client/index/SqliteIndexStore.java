package io.skysync.client.index;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The index in SQLite ({@code DIR/.skysync/index.db}, WAL journal). A database that cannot be
 * opened or fails its integrity check is moved aside and rebuilt empty: the next sync rescans and
 * matches hashes against the manifest, so nothing is re-uploaded and no false conflict appears.
 */
public final class SqliteIndexStore implements IndexStore {
    private static final int SCHEMA = 1;
    private final Connection db;
    private final boolean fresh;
    private final boolean recovered;

    private SqliteIndexStore(Connection db, boolean fresh, boolean recovered) {
        this.db = db;
        this.fresh = fresh;
        this.recovered = recovered;
    }

    public static SqliteIndexStore open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            boolean existed = Files.exists(file);
            try {
                Connection db = connect(file);
                if (existed && !healthy(db)) {
                    db.close();
                    throw new SQLException("integrity check failed");
                }
                boolean fresh = createSchema(db);
                return new SqliteIndexStore(db, fresh, false);
            } catch (SQLException corrupt) {
                moveAside(file);
                Connection db = connect(file);
                createSchema(db);
                return new SqliteIndexStore(db, true, true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the local index " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
        }
        return db;
    }

    private static boolean healthy(Connection db) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            return rs.next() && "ok".equalsIgnoreCase(rs.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    /** @return true if the schema was created now (an empty index) */
    private static boolean createSchema(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='files'")) {
                exists = rs.next() && rs.getInt(1) == 1;
            }
            s.execute("CREATE TABLE IF NOT EXISTS files ("
                    + "path TEXT PRIMARY KEY, local_name TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
                    + " file_key TEXT, local_hash TEXT, synced_version INTEGER NOT NULL, synced_hash TEXT,"
                    + " remote_version INTEGER NOT NULL, remote_hash TEXT, remote_size INTEGER NOT NULL,"
                    + " remote_mtime INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("INSERT OR IGNORE INTO state (key, value) VALUES ('schema', '" + SCHEMA + "')");
            s.execute("INSERT OR IGNORE INTO state (key, value) VALUES ('cursor', '0')");
            return !exists;
        }
    }

    private static void moveAside(Path file) throws IOException {
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        if (Files.exists(file)) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
        }
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
        Map<VaultPath, IndexRow> rows = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT path, local_name, size, mtime_ns,"
                + " file_key, local_hash, synced_version, synced_hash, remote_version, remote_hash, remote_size,"
                + " remote_mtime FROM files")) {
            while (rs.next()) {
                ContentHash localHash = hash(rs.getString(6));
                LocalStat local = localHash == null ? null : new LocalStat(rs.getLong(3), rs.getLong(4), rs.getString(5), localHash);
                FileVersion synced = FileVersion.of(rs.getLong(7));
                FileVersion remote = FileVersion.of(rs.getLong(9));
                IndexRow row = new IndexRow(VaultPath.of(rs.getString(1)), rs.getString(2), local,
                        new Snapshot(synced, synced.isNone() ? null : hash(rs.getString(8))),
                        new RemoteFile(remote, remote.isNone() ? null : hash(rs.getString(10)), rs.getLong(11), rs.getLong(12)));
                rows.put(row.path(), row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local index: " + e.getMessage(), e);
        }
    }

    @Override
    public long cursor() {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT value FROM state WHERE key='cursor'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local index: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Collection<IndexRow> rows, Collection<VaultPath> removed, long cursor) {
        try {
            db.setAutoCommit(false);
            try (PreparedStatement upsert = db.prepareStatement("INSERT OR REPLACE INTO files (path, local_name, size,"
                    + " mtime_ns, file_key, local_hash, synced_version, synced_hash, remote_version, remote_hash,"
                    + " remote_size, remote_mtime) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement delete = db.prepareStatement("DELETE FROM files WHERE path = ?");
                 PreparedStatement state = db.prepareStatement("UPDATE state SET value = ? WHERE key = 'cursor'")) {
                for (IndexRow r : rows) {
                    upsert.setString(1, r.path().value());
                    upsert.setString(2, r.localName());
                    LocalStat local = r.local();
                    upsert.setLong(3, local == null ? 0 : local.size());
                    upsert.setLong(4, local == null ? 0 : local.mtimeNanos());
                    upsert.setString(5, local == null ? null : local.fileKey());
                    upsert.setString(6, hex(r.localHash()));
                    upsert.setLong(7, r.synced().version().value());
                    upsert.setString(8, hex(r.synced().content()));
                    upsert.setLong(9, r.remote().version().value());
                    upsert.setString(10, hex(r.remote().hash()));
                    upsert.setLong(11, r.remote().size());
                    upsert.setLong(12, r.remote().mtimeMillis());
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
            throw new IllegalStateException("cannot write the local index: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the local index: " + e.getMessage(), e);
        }
    }

    private static ContentHash hash(String hex) {
        return hex == null ? null : new ContentHash(hex);
    }

    private static String hex(ContentHash hash) {
        return hash == null ? null : hash.hex();
    }
}
