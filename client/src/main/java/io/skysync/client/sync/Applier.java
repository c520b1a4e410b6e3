package io.skysync.client.sync;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.FileVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The stage that writes the local folder: keep-both renames, staged downloads put in place,
 * local deletions. Each change re-checks that the local file is still what the scan saw, and
 * each outcome goes to the {@link RunLedger}; nothing here decides what to do.
 */
final class Applier {
    private final LocalPlacer placer;
    private final RunLedger ledger;

    Applier(LocalPlacer placer, RunLedger ledger) {
        this.placer = placer;
        this.ledger = ledger;
    }

    /** A plan round sorted by the stage that carries each step out. */
    record Round(List<Step.Commit> commits, List<Step.Fetch> fetches, List<Step.RemoveLocal> removals) {
    }

    /**
     * Records what needs no transfer (adoptions, holds, failures), makes the keep-both renames
     * (each copy becomes a commit, its original a download) and checkpoints the index after them,
     * so a crash after a copy's commit finds the copy known as this device's own.
     */
    Round prepare(List<Step> steps) {
        List<Step.Commit> commits = new ArrayList<>();
        List<Step.Fetch> fetches = new ArrayList<>();
        List<Step.RemoveLocal> removals = new ArrayList<>();
        boolean renamed = false;
        for (Step step : steps) {
            if (step instanceof Step.Commit commit) {
                Step.Commit ready = withMetadataSet(commit);
                if (ready != null) {
                    commits.add(ready);
                }
            } else if (step instanceof Step.Fetch fetch) {
                fetches.add(fetch);
            } else if (step instanceof Step.RemoveLocal removal) {
                removals.add(removal);
            } else if (step instanceof Step.Adopt adopt) {
                ledger.adopted(adopt);
            } else if (step instanceof Step.Touch touch) {
                touch(touch);
            } else if (step instanceof Step.Hold hold) {
                ledger.held(hold);
            } else if (step instanceof Step.Fail fail) {
                ledger.failed(fail.path(), fail.reason());
            } else if (step instanceof Step.KeepBoth both && keepBoth(both, commits, fetches)) {
                renamed = true;
            }
        }
        if (renamed) {
            ledger.checkpoint();
        }
        return new Round(commits, fetches, removals);
    }

    /** Sets the remote version's metadata on the local file in place: no bytes move. */
    private void touch(Step.Touch touch) {
        try {
            ledger.touched(touch, placer.touch(touch.expectedLocal(), touch.remote()));
        } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
            ledger.failed(touch.path(), Reasons.of(e));
        }
    }

    /**
     * A commit that carries metadata the file here lacks (the remote's bit, which an edit here never
     * saw, or the other side's change where each side changed another: {@link MetadataRule}) sets it
     * here first, so the file and the vault agree; null if it cannot (the commit waits for the next sync).
     */
    private Step.Commit withMetadataSet(Step.Commit commit) {
        LocalFile here = commit.deletion() || commit.local().folder() ? null : ledger.local().get(commit.path());
        if (here == null || !here.hash().equals(commit.local().hash())) {
            return commit;
        }
        Boolean bit = commit.local().executable();
        boolean newBit = bit != null && here.executable() != null && !bit.equals(here.executable());
        boolean newTime = commit.local().mtimeNanos() != here.mtimeNanos();
        if (!newBit && !newTime) {
            return commit;
        }
        try {
            LocalFile now = placer.setMetadata(here, newTime ? commit.local().mtimeMillis() : 0, newBit ? bit : null);
            ledger.changedHere(now);
            return new Step.Commit(commit.path(), commit.base(), now, commit.remote());
        } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
            ledger.failed(commit.path(), Reasons.of(e));
            return null;
        }
    }

    private boolean keepBoth(Step.KeepBoth both, List<Step.Commit> commits, List<Step.Fetch> fetches) {
        try {
            LocalFile copy = placer.rename(both.local(), both.copy(), both.copyLocalName());
            ledger.renamed(both, copy);
            commits.add(new Step.Commit(both.copy(), FileVersion.NONE, copy, RemoteFile.ABSENT));
            fetches.add(new Step.Fetch(both.path(), both.remote(), null));
            return true;
        } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
            ledger.failed(both.path(), Reasons.of(e));
            return false;
        }
    }

    /** Puts each finished download in place, if its target is still what the plan expected. */
    void place(List<BlobDownloads.Fetched> results) {
        for (BlobDownloads.Fetched fetched : results) {
            Step.Fetch step = fetched.job().step();
            if (fetched.error() != null) {
                ledger.failed(step.path(), fetched.error());
                continue;
            }
            try {
                ledger.placed(step, placer.place(fetched.temp(), step.path(), step.localName(), step.expectedLocal(),
                        step.remote()));
            } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
                ledger.failed(step.path(), Reasons.of(e));
            }
        }
    }

    /** Makes the folders among {@code fetches} (they need no download); returns the rest, the files to download. */
    List<Step.Fetch> makeFolders(List<Step.Fetch> fetches) {
        List<Step.Fetch> files = new ArrayList<>();
        for (Step.Fetch fetch : fetches) {
            if (!fetch.remote().folder()) {
                files.add(fetch);
                continue;
            }
            try {
                ledger.placed(fetch, placer.makeFolder(fetch.path(), fetch.localName()));
            } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
                ledger.failed(fetch.path(), Reasons.of(e));
            }
        }
        return files;
    }

    /** Deletes files and folders, deepest first so a folder's files go before it; a folder is only removed empty. */
    void remove(List<Step.RemoveLocal> removals) {
        List<Step.RemoveLocal> deepestFirst = new ArrayList<>(removals);
        deepestFirst.sort(Comparator.comparing(Step.RemoveLocal::path).reversed());
        for (Step.RemoveLocal removal : deepestFirst) {
            LocalFile expected = removal.expectedLocal();
            try {
                if (!expected.folder()) {
                    placer.delete(expected.localName(), expected);
                    ledger.removed(removal);
                } else if (placer.deleteFolder(expected.localName())) {
                    ledger.removed(removal);
                } else {
                    ledger.keptFolder(removal);
                }
            } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
                ledger.failed(removal.path(), Reasons.of(e));
            }
        }
    }
}
