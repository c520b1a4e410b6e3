package io.skysync.client.index;

import io.skysync.domain.VaultPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The index's tables, created when missing, and the conversion of an index written before schema 2
 * (a column per field) to one row value per path ({@link RowCodec}). The conversion is one
 * transaction, as every write of the index is: a run that dies in it, or fails, leaves the old
 * index as it was, and the next open converts again. Once converted, an older skysync refuses the
 * index (it finds none of its columns) and changes nothing in it.
 */
final class IndexSchema {
    static final int VERSION = 2;
    static final String FILES = "CREATE TABLE files (path TEXT PRIMARY KEY, row BLOB NOT NULL) WITHOUT ROWID";

    private IndexSchema() {
    }

    /** @return true if the index had no files table (it was created now, empty) */
    static boolean create(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            boolean exists = count(s, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='files'") == 1;
            s.execute("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            if (!exists) {
                s.execute(FILES);
                s.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('schema', '" + VERSION + "')");
            } else if (count(s, "SELECT count(*) FROM pragma_table_info('files') WHERE name='local_name'") == 1) {
                convert(db);
                compact(s);
            }
            SqliteChunkIndex.createSchema(s);
            s.execute("INSERT OR IGNORE INTO state (key, value) VALUES ('cursor', '0')");
            return !exists;
        }
    }

    /** Schema 1's columns to schema 2's rows, all or nothing. */
    private static void convert(Connection db) throws SQLException {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            if (count(s, "SELECT count(*) FROM pragma_table_info('files') WHERE name='remote_exec'") == 0) {
                // An index made before the remote executable bit was carried: the bit is unknown.
                s.execute("ALTER TABLE files ADD COLUMN remote_exec INTEGER");
            }
            Map<VaultPath, IndexRow> rows;
            try (ResultSet rs = s.executeQuery(ColumnRows.SELECT)) {
                rows = ColumnRows.read(rs);
            }
            s.execute("ALTER TABLE files RENAME TO files_schema1");
            s.execute(FILES);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO files (path, row) VALUES (?, ?)")) {
                for (IndexRow row : rows.values()) {
                    insert.setString(1, row.path().value());
                    insert.setBytes(2, RowCodec.encode(row));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            s.execute("DROP TABLE files_schema1");
            s.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('schema', '" + VERSION + "')");
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /**
     * The old table's pages go back to the file system (a third of a converted index's size): once, and
     * only a nicety, so a failure (too little space to rewrite the file) leaves the index as it is.
     */
    private static void compact(Statement s) {
        try {
            s.execute("VACUUM");
        } catch (SQLException ignored) {
            // The free pages stay in the file and are reused by later writes.
        }
    }

    private static int count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
