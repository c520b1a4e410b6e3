package io.skysync.client.index;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.util.Objects;

/**
 * What this device knows about one path: its last scan (the hash cache), what it last synced (the
 * reconcile ancestor) and the last remote state it saw (so a remote change it could not apply yet
 * is not forgotten when the cursor moves on). Immutable: a run derives new rows with the withers.
 *
 * @param localName the name on disk, relative to the root with {@code /} (may be NFD where {@code path} is NFC)
 * @param local     the last scan of the file, null if it was absent
 * @param synced    the version and content this device last agreed on with the vault (the ancestor)
 * @param remote    the last remote state seen
 */
public record IndexRow(VaultPath path, String localName, LocalStat local, Snapshot synced, RemoteFile remote) {

    public IndexRow {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(synced, "synced");
        Objects.requireNonNull(remote, "remote");
    }

    /** A row that knows nothing yet. */
    public static IndexRow empty(VaultPath path) {
        return new IndexRow(path, path.value(), null, Snapshot.ABSENT, RemoteFile.ABSENT);
    }

    /** A file the scan found, never synced. */
    public static IndexRow scanned(VaultPath path, String localName, LocalStat local) {
        return empty(path).withLocal(localName, local);
    }

    public IndexRow withLocal(String name, LocalStat stat) {
        return new IndexRow(path, name, Objects.requireNonNull(stat, "stat"), synced, remote);
    }

    /** The file is gone locally; its name is kept, so a file coming back in NFD keeps that form. */
    public IndexRow withoutLocal() {
        return new IndexRow(path, localName, null, synced, remote);
    }

    public IndexRow withSynced(Snapshot ancestor) {
        return new IndexRow(path, localName, local, ancestor, remote);
    }

    public IndexRow withRemote(RemoteFile seen) {
        return new IndexRow(path, localName, local, synced, seen);
    }

    /** Both sides now agree on {@code agreed}: it becomes the ancestor and the known remote state. */
    public IndexRow syncedTo(RemoteFile agreed) {
        return new IndexRow(path, localName, local, agreed.snapshot(), agreed);
    }

    public Snapshot ancestor() {
        return synced;
    }

    /** The content at the last scan, null if the file was absent. */
    public ContentHash localHash() {
        return local == null ? null : local.hash();
    }

    public boolean isLocallyPresent() {
        return local != null;
    }

    /** A row that remembers nothing worth keeping: absent here, never synced, nothing remote. */
    public boolean isEmpty() {
        return local == null && synced.version().isNone() && remote.version().isNone();
    }
}
