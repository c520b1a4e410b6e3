package io.skysync.client.index;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows of an index written before schema 2, one column per field, read once by
 * {@link IndexSchema} to convert them to {@link RowCodec}'s rows. A synced row holds one content
 * three times (scan, ancestor, remote), one version twice and its name twice: each is kept once in
 * memory.
 */
final class ColumnRows {
    static final String SELECT = "SELECT path, local_name, size, mtime_ns, file_key, local_hash, synced_version, synced_hash,"
            + " remote_version, remote_hash, remote_size, remote_mtime, remote_exec FROM files";

    private ColumnRows() {
    }

    static Map<VaultPath, IndexRow> read(ResultSet rs) throws SQLException {
        Map<VaultPath, IndexRow> rows = new HashMap<>();
        while (rs.next()) {
            String path = rs.getString(1);
            String localName = rs.getString(2);
            String localHex = rs.getString(6);
            ContentHash localHash = hash(localHex);
            LocalStat local = localHash == null ? null : new LocalStat(rs.getLong(3), rs.getLong(4), rs.getString(5), localHash);
            FileVersion synced = FileVersion.of(rs.getLong(7));
            long remoteVersion = rs.getLong(9);
            FileVersion remote = remoteVersion == synced.value() ? synced : FileVersion.of(remoteVersion);
            ContentHash syncedHash = synced.isNone() ? null : hash(rs.getString(8), localHex, localHash);
            ContentHash remoteHash = remote.isNone() ? null : hash(rs.getString(10), localHex, localHash);
            long remoteSize = rs.getLong(11);
            long remoteMtime = rs.getLong(12);
            int bit = rs.getInt(13);
            Boolean executable = rs.wasNull() ? null : bit == 1;
            IndexRow row = new IndexRow(VaultPath.of(path), localName.equals(path) ? path : RowCodec.nameOf(path, localName), local,
                    new Snapshot(synced, syncedHash), new RemoteFile(remote, remoteHash, remoteSize, remoteMtime, executable));
            rows.put(row.path(), row);
        }
        return rows;
    }

    private static ContentHash hash(String hex) {
        return hex == null ? null : new ContentHash(hex);
    }

    /** {@code known} if {@code hex} is its text, else a hash of its own. */
    private static ContentHash hash(String hex, String knownHex, ContentHash known) {
        return known != null && knownHex.equals(hex) ? known : hash(hex);
    }
}
