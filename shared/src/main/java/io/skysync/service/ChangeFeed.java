package io.skysync.service;

import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;

/** The change log as plan and {@code /changes} serve it: a cursor checked against the kept log, a page without gaps. */
final class ChangeFeed {
    private ChangeFeed() {
    }

    /** The page after {@code cursor}, or {@code cursor_expired} if the log no longer holds what follows it. */
    static ChangePage page(ManifestStore store, VaultId vault, Seq cursor, int limit) {
        VaultMeta meta = store.vault(vault).orElseThrow(() -> CommitProcessor.notFound(vault));
        checkCursor(meta, cursor);
        return gapFree(meta, cursor, store.changesSince(vault, cursor, limit));
    }

    /** A cursor older than the kept log, or newer than the head (the vault was recreated), must re-list. */
    private static void checkCursor(VaultMeta meta, Seq cursor) {
        if (cursor.compareTo(meta.logFloor()) < 0 || cursor.compareTo(meta.seq()) > 0) {
            throw new SkysyncException(ErrorCode.CURSOR_EXPIRED,
                    "cursor " + cursor + " is not in the change log (it holds " + meta.logFloor() + " to "
                            + meta.seq() + "); list the files with GET /files and continue from its seq");
        }
    }

    /**
     * The log is contiguous (one record per seq), so a page that does not start right after the
     * cursor, or is empty although the head read before it was past the cursor, lost records to a
     * retention run that raised the floor after {@code meta} was read: the cursor has expired.
     */
    private static ChangePage gapFree(VaultMeta meta, Seq cursor, ChangePage page) {
        boolean gap = page.entries().isEmpty()
                ? meta.seq().compareTo(cursor) > 0
                : page.entries().get(0).seq().value() != cursor.value() + 1;
        if (gap) {
            throw new SkysyncException(ErrorCode.CURSOR_EXPIRED, "cursor " + cursor
                    + " is no longer in the change log (retention pruned it); list the files with GET /files and continue from its seq");
        }
        return page;
    }
}
