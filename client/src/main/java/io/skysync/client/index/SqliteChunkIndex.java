package io.skysync.client.index;

import io.skysync.content.Chunk;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The chunk lists in the index's SQLite database, beside its files (the same connection): a row
 * per content ({@code chunk_lists}) and a row per chunk ({@code chunks}, its id as 32 bytes,
 * found by id through {@code chunks_by_id}). The tables are created when missing, so an index
 * written before them upgrades on its first open and simply knows no lists yet. Used from the
 * sync's own thread, as the index is (the connection is not shared with the transfer pool).
 */
final class SqliteChunkIndex implements ChunkIndex {
    /** Ids per lookup query: far below SQLite's limit of bound parameters. */
    static final int BATCH = 500;
    private final Connection db;
    private final Runnable onFailure;

    /** @param onFailure told of every read or write that failed, so the index file is checked at its next open */
    SqliteChunkIndex(Connection db, Runnable onFailure) {
        this.db = db;
        this.onFailure = onFailure;
    }

    static void createSchema(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS chunk_lists (id INTEGER PRIMARY KEY, content TEXT NOT NULL UNIQUE,"
                + " size INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS chunks (list INTEGER NOT NULL, offset INTEGER NOT NULL,"
                + " size INTEGER NOT NULL, chunk BLOB NOT NULL, PRIMARY KEY (list, offset)) WITHOUT ROWID");
        s.execute("CREATE INDEX IF NOT EXISTS chunks_by_id ON chunks (chunk)");
    }

    @Override
    public void record(ChunkList list) {
        inTransaction(() -> {
            forget(list.content());
            long id;
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO chunk_lists (content, size) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, list.content().hex());
                insert.setLong(2, list.size());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            long[] offsets = list.offsets();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO chunks (list, offset, size, chunk)"
                    + " VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < offsets.length; i++) {
                    insert.setLong(1, id);
                    insert.setLong(2, offsets[i]);
                    insert.setInt(3, list.chunks().get(i).size());
                    insert.setBytes(4, list.chunks().get(i).id().bytes());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public ChunkList list(ContentHash content) {
        try (PreparedStatement select = db.prepareStatement("SELECT l.size, c.size, c.chunk FROM chunk_lists l"
                + " JOIN chunks c ON c.list = l.id WHERE l.content = ? ORDER BY c.offset")) {
            select.setString(1, content.hex());
            List<Chunk> chunks = new ArrayList<>();
            long size = -1;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    size = rs.getLong(1);
                    chunks.add(new Chunk(ContentHash.of(rs.getBytes(3)), rs.getInt(2)));
                }
            }
            return chunks.isEmpty() ? null : new ChunkList(content, size, chunks);
        } catch (SQLException | IllegalArgumentException e) {
            // A list that cannot be read is one the index does not have: the file is cut again.
            onFailure.run();
            return null;
        }
    }

    @Override
    public List<Located> locate(Collection<ContentHash> chunks) {
        List<ContentHash> ids = List.copyOf(chunks);
        List<Located> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<ContentHash> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            // SQLite takes a bare column beside MIN() from the row holding the minimum: the first offset's size.
            String sql = "SELECT c.chunk, l.content, MIN(c.offset), c.size FROM chunks c JOIN chunk_lists l ON l.id = c.list"
                    + " WHERE c.chunk IN (" + "?,".repeat(batch.size() - 1) + "?) GROUP BY c.chunk, l.content";
            try (PreparedStatement select = db.prepareStatement(sql)) {
                for (int i = 0; i < batch.size(); i++) {
                    select.setBytes(i + 1, batch.get(i).bytes());
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Located(ContentHash.of(rs.getBytes(1)), new ContentHash(rs.getString(2)),
                                rs.getLong(3), rs.getInt(4)));
                    }
                }
            } catch (SQLException | IllegalArgumentException e) {
                throw unreadable(e);
            }
        }
        return out;
    }

    @Override
    public void retain(Set<ContentHash> contents) {
        List<ContentHash> gone = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT content FROM chunk_lists")) {
            while (rs.next()) {
                ContentHash content = new ContentHash(rs.getString(1));
                if (!contents.contains(content)) {
                    gone.add(content);
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        if (!gone.isEmpty()) {
            inTransaction(() -> {
                for (ContentHash content : gone) {
                    forget(content);
                }
            });
        }
    }

    private void forget(ContentHash content) throws SQLException {
        try (PreparedStatement chunks = db.prepareStatement("DELETE FROM chunks WHERE list IN"
                + " (SELECT id FROM chunk_lists WHERE content = ?)");
             PreparedStatement list = db.prepareStatement("DELETE FROM chunk_lists WHERE content = ?")) {
            chunks.setString(1, content.hex());
            chunks.executeUpdate();
            list.setString(1, content.hex());
            list.executeUpdate();
        }
    }

    private UncheckedIOException unreadable(Exception e) {
        onFailure.run();
        return new UncheckedIOException(new IOException("cannot read the local index's chunks: " + e.getMessage(), e));
    }

    private interface Work {
        void run() throws SQLException;
    }

    /** All or nothing: a failure to write ({@link UncheckedIOException}) leaves no half list. */
    private void inTransaction(Work work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            onFailure.run();
            throw new UncheckedIOException(new IOException("cannot write the local index's chunks: " + e.getMessage(), e));
        }
    }
}
