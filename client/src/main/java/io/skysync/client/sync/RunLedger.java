package io.skysync.client.sync;

import io.skysync.api.CommitResultDto;
import io.skysync.client.index.IndexStore;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a run has done so far, kept in one place so the stages only report outcomes: the user's
 * report, the index rows ({@link RowBook}), the local files as they are now, and the seqs of this
 * run's own commits (the cursor may skip them). Written to the index before acting, after the
 * keep-both renames of a round, and at the end.
 */
final class RunLedger {
    final SyncReport report = new SyncReport();
    final RowBook book;
    /** The scan's files until the run changes one; then a copy of its own. */
    private Map<VaultPath, LocalFile> local;
    private boolean localCopied;
    private final Set<Long> ownSeqs = new HashSet<>();
    private final IndexStore index;
    private final Progress progress;
    private final long startCursor;

    RunLedger(PlanInput input, IndexStore index, Progress progress, long startCursor) {
        this.book = new RowBook(input.rows());
        this.local = input.local();
        this.index = index;
        this.progress = progress;
        this.startCursor = startCursor;
    }

    /** The local files as the run has changed them (renamed, placed, removed). */
    Map<VaultPath, LocalFile> local() {
        return localCopied ? Map.copyOf(local) : local;
    }

    private Map<VaultPath, LocalFile> changingLocal() {
        if (!localCopied) {
            local = new HashMap<>(local);
            localCopied = true;
        }
        return local;
    }

    /** Records what the run has seen or done so far, with the old cursor: a crash from here on is recognised by content. */
    void checkpoint() {
        if (book.hasChanges()) {
            index.save(book.changed(), book.removed(), startCursor);
        }
    }

    /**
     * The final transaction: every row and the cursor the run reached (past its own commits). A run
     * that changed no row and did not move the cursor writes nothing: a no-op costs no transaction.
     */
    void finish(long viewCursor) {
        long cursor = viewCursor;
        while (ownSeqs.contains(cursor + 1)) {
            cursor++;
        }
        if (book.hasChanges() || cursor != startCursor) {
            index.save(book.changed(), book.removed(), cursor);
        }
    }

    void committed(Step.Commit c, CommitResultDto result) {
        FileVersion version = FileVersion.of(result.version() == null ? 0 : result.version());
        book.setSynced(c.path(), c.deletion() ? RemoteFile.tombstone(version)
                : RemoteFile.live(version, c.local().hash(), c.local().size(), c.local().mtimeMillis())
                .withExecutable(c.local().folder() ? null : keptBit(c)));
        if (result.seq() != null) {
            ownSeqs.add(result.seq());
        }
        if (c.deletion()) {
            report.deletedRemote(c.path().value());
            progress.file("deleted remotely", c.path().value());
        } else {
            report.uploaded(c.path().value());
            progress.file("sent", c.path().value());
        }
    }

    /** The bit the vault now has: the local one, or (not known here) the one the server kept. */
    private static Boolean keptBit(Step.Commit c) {
        return c.local().executable() != null ? c.local().executable() : c.remote().executable();
    }

    void placed(Step.Fetch fetch, LocalFile placed) {
        changingLocal().put(fetch.path(), placed);
        book.setLocal(fetch.path(), placed);
        book.setSynced(fetch.path(), fetch.remote());
        report.downloaded(fetch.path().value(), fetch.remote().size());
        progress.file("received", fetch.path().value());
    }

    /** A metadata-only remote change, set in place: listed as received, 0 bytes. */
    void touched(Step.Touch touch, LocalFile now) {
        changingLocal().put(touch.path(), now);
        book.setLocal(touch.path(), now);
        book.setSynced(touch.path(), touch.remote());
        report.downloaded(touch.path().value(), 0);
        progress.file("received", touch.path().value());
    }

    /** The run changed a local file's metadata before committing it. */
    void changedHere(LocalFile now) {
        changingLocal().put(now.path(), now);
        book.setLocal(now.path(), now);
    }

    void removed(Step.RemoveLocal removal) {
        changingLocal().remove(removal.path());
        book.setLocal(removal.path(), null);
        book.setSynced(removal.path(), removal.remote());
        report.deletedLocal(removal.path().value());
        progress.file("deleted", removal.path().value());
    }

    /**
     * A folder deleted remotely still holds something this device does not sync (an ignored file): it
     * stays, and its ancestor stays the live folder, so each sync tries again and removes it once empty.
     */
    void keptFolder(Step.RemoveLocal removal) {
        report.warning("kept the folder " + removal.path() + ": it was deleted on another device but still holds"
                + " files that are not synced (ignored ones); it goes once they do");
    }

    void renamed(Step.KeepBoth both, LocalFile copy) {
        changingLocal().remove(both.path());
        changingLocal().put(both.copy(), copy);
        book.setLocal(both.path(), null);
        book.setLocal(both.copy(), copy);
        report.conflict(new SyncReport.Conflict(both.path().value(), both.copy().value(),
                "kept both: the remote version keeps the name, the local one is " + both.copy().fileName()));
        progress.file("conflict", both.path() + " -> " + both.copy().fileName());
    }

    void adopted(Step.Adopt adopt) {
        book.setSynced(adopt.path(), adopt.remote());
    }

    /** The remote state a commit's conflict answer showed. */
    void seenRemote(VaultPath path, RemoteFile remote) {
        book.setRemote(path, remote);
    }

    void held(Step.Hold hold) {
        switch (hold.why()) {
            case CONFLICT -> report.conflict(new SyncReport.Conflict(hold.path().value(), null, hold.reason()));
            case READ_ONLY -> report.readOnlyKept(hold.path().value());
            case OTHER_DIRECTION -> report.waiting(hold.path().value());
        }
    }

    /** The server refused this device's writes: its changes stay here, as a read-only device's do. */
    void writeRefused(VaultPath path) {
        report.refuseWrites();
        report.readOnlyKept(path.value());
    }

    void failed(VaultPath path, String reason) {
        report.failure(new SyncReport.Failure(path.value(), reason));
        progress.warn(path + ": " + reason);
    }
}
