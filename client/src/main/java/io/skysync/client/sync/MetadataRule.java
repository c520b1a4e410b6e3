package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.scan.Scanner;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import java.util.List;

/**
 * Metadata (the modification time and the executable bit) is part of a version, weighed after the
 * content rule has found both sides holding the same content (pure). A side whose metadata differs
 * from the last synced version's changed it: a local change is committed over the remote version
 * (the same content: no upload), a remote one is set on the local file in place (no download). Both
 * changed the same one (the time, the bit), or nothing synced to compare with: the remote's stands (it
 * is committed already); each changed another one: both changes are kept (set here, then committed).
 * Never a conflict. Times closer than {@link Scanner#RACY_WINDOW} (FAT keeps 2 s) are the
 * same time; a remote time of 0 and a bit that either side does not know (null: an older client, a
 * file system without the bit) are unknown and compare equal to anything. Where the history was read
 * ({@link #inDoubt}), a local change it shows committed already (an answer lost) is no change.
 */
final class MetadataRule {
    private MetadataRule() {
    }

    /**
     * {@code step} (the content's step, null: none), or the metadata step that replaces it.
     *
     * @param history the path's history, if it was read ({@link #inDoubt}), else empty
     */
    static Step apply(Step step, VaultPath path, IndexRow row, LocalFile local, RemoteFile remote,
                      List<ManifestEntry> history, SyncOptions options) {
        if (!(step == null || step instanceof Step.Adopt)) {
            return step;
        }
        Weighing w = weigh(row, local, remote);
        if (w == null) {
            return step;
        }
        Direction direction = options.effectiveDirection();
        if (w.localOnly() && !sentMeanwhile(history, local, w.synced(), remote)) {
            if (direction == Direction.PULL) {
                return options.readOnly()
                        ? new Step.Hold(path, "this device is read-only: the local time change stays here", Step.Hold.Why.READ_ONLY)
                        : new Step.Hold(path, "local time change waits for a push", Step.Hold.Why.OTHER_DIRECTION);
            }
            return new Step.Commit(path, remote.version(), local, remote);
        }
        if (w.merged() != null && direction == Direction.BOTH) {
            return new Step.Commit(path, remote.version(), w.merged(), remote);
        }
        if (direction == Direction.PUSH) {
            return options.pushAll() ? new Step.Commit(path, remote.version(), local, remote)
                    : new Step.Hold(path, "remote time change waits for a pull", Step.Hold.Why.OTHER_DIRECTION);
        }
        return new Step.Touch(path, remote, local);
    }

    /**
     * True if the index says only this side changed the metadata while the remote moved on by more
     * than one version: one of them may be this device's own commit of it, whose answer was lost (the
     * index never learnt it). Only the history can tell, and a commit over the remote would undo
     * what came after it.
     */
    static boolean inDoubt(IndexRow row, LocalFile local, RemoteFile remote) {
        if (local == null || !remote.live() || !local.hash().equals(remote.hash())) {
            return false;
        }
        Weighing w = weigh(row, local, remote);
        return w != null && w.localOnly() && remote.version().value() > w.synced().version().value() + 1;
    }

    /** How the two sides' metadata differ from the last synced version's; null if they agree (or are not weighed). */
    private static Weighing weigh(IndexRow row, LocalFile local, RemoteFile remote) {
        if (local == null || local.folder() || !remote.live() || remote.folder()) {
            return null;
        }
        boolean timeDiffers = timeDiffers(local, remote);
        boolean bitDiffers = differ(local.executable(), remote.executable());
        if (!timeDiffers && !bitDiffers) {
            return null;
        }
        RemoteFile synced = synced(row);
        boolean timeHere = timeDiffers && changedTime(local.mtimeMillis(), synced);
        boolean timeThere = timeDiffers && changedTime(remote.mtimeMillis(), synced);
        boolean bitHere = bitDiffers && changedBit(local.executable(), synced);
        boolean bitThere = bitDiffers && changedBit(remote.executable(), synced);
        boolean localOnly = (timeHere || bitHere) && !(timeThere || bitThere);
        boolean keepTime = timeHere && !timeThere;
        boolean keepBit = bitHere && !bitThere;
        LocalFile merged = localOnly || !(keepTime || keepBit) ? null
                : new LocalFile(local.path(), local.localName(), local.size(),
                        keepTime || !timeDiffers ? local.mtimeNanos() : remote.mtimeMillis() * 1_000_000L, local.fileKey(),
                        local.hash(), keepBit || !bitDiffers ? local.executable() : remote.executable());
        return new Weighing(synced, localOnly, merged);
    }

    /**
     * True if no metadata step can come of {@code local} and {@code remote}: a folder's are not weighed,
     * and otherwise the time and the bit agree (what {@link Candidates} needs of a quiet path).
     */
    static boolean agrees(LocalFile local, RemoteFile remote) {
        return local.folder() || !remote.live() || remote.folder()
                || (!timeDiffers(local, remote) && !differ(local.executable(), remote.executable()));
    }

    private static boolean timeDiffers(LocalFile local, RemoteFile remote) {
        return remote.mtimeMillis() != 0 && !sameTime(local.mtimeMillis(), remote.mtimeMillis());
    }

    /**
     * @param localOnly the index shows a change of this side's only (then {@code synced} is known)
     * @param merged    where each side changed another one (a touch here, a chmod there): the local
     *                  file with the remote's change taken too, to set here and commit; else null
     */
    private record Weighing(RemoteFile synced, boolean localOnly, LocalFile merged) {
    }

    /**
     * True if a version after the synced one and before the remote's holds this file's content with
     * its metadata: this device's commit of it landed, and the remote's metadata came after.
     */
    private static boolean sentMeanwhile(List<ManifestEntry> history, LocalFile local, RemoteFile synced, RemoteFile remote) {
        return history.stream().anyMatch(v -> !v.deleted() && v.hash().equals(local.hash())
                && v.version().compareTo(synced.version()) > 0 && v.version().compareTo(remote.version()) < 0
                && (v.mtimeMillis() == 0 || sameTime(local.mtimeMillis(), v.mtimeMillis()))
                && !differ(local.executable(), v.executable()));
    }

    /**
     * A content change here carries its own time, but not a bit it never saw: where the index shows
     * the bit changed remotely only, the commit carries the remote's (the applier sets it here first).
     * {@code push --mode all} makes the local file the vault's, bit and all.
     */
    static Step carryRemoteBit(Step step, IndexRow row, RemoteFile remote, SyncOptions options) {
        if (!(step instanceof Step.Commit commit) || commit.deletion() || commit.local().folder() || remote.folder()
                || !remote.live() || options.pushAll()) {
            return step;
        }
        RemoteFile synced = synced(row);
        Boolean here = commit.local().executable();
        Boolean there = remote.executable();
        if (synced == null || synced.folder() || here == null || there == null || !here.equals(synced.executable())
                || there.equals(here)) {
            return step;
        }
        return new Step.Commit(commit.path(), commit.base(), commit.local().withExecutable(there), commit.remote());
    }

    /** The version both sides last agreed on, with its metadata; null where the index does not know it. */
    private static RemoteFile synced(IndexRow row) {
        return row == null || !row.remote().version().equals(row.ancestor().version()) || !row.remote().live()
                ? null : row.remote();
    }

    private static boolean changedTime(long millis, RemoteFile synced) {
        return synced == null || synced.mtimeMillis() == 0 || !sameTime(millis, synced.mtimeMillis());
    }

    private static boolean changedBit(Boolean bit, RemoteFile synced) {
        return synced == null || synced.executable() == null || !synced.executable().equals(bit);
    }

    private static boolean differ(Boolean a, Boolean b) {
        return a != null && b != null && !a.equals(b);
    }

    static boolean sameTime(long aMillis, long bMillis) {
        return Math.abs(aMillis - bMillis) < Scanner.RACY_WINDOW.toMillis();
    }
}
