package io.skysync.service;

import io.skysync.api.CommitResultDto;
import io.skysync.api.EntryDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Commits a batch: every entry that names a blob (or a recipe and its chunks) is checked first
 * ({@link BlobPresence}: the clean-up's guard, the manifest's blob records, storage for the blobs
 * no record shows; {@link RecipeCheck} for a recipe's chunks); then, in rounds of at most
 * {@link ManifestStore#maxWritesPerCommit()} entries,
 * one read of the head and those entries ({@link CommitBase}), {@link CommitRule} for each entry,
 * and one atomic, conditional write of the entries that need one; where those writes do not all
 * fit one commit ({@link ManifestStore#fitting}), the round ends before the first that does not,
 * and the entries from there are read and decided again in the next. Every written entry takes the
 * next vault seq, so seq order is commit order. A round that lost the race for the head is read
 * and decided again after the {@link RetryPolicy}'s pause, within its time budget.
 */
final class CommitProcessor {
    private final ManifestStore store;
    private final BlobPresence presence;
    private final RecipeCheck recipes;
    private final Clock clock;
    private final RetryPolicy retry;

    CommitProcessor(ManifestStore store, BlobStore blobs, BlobPresence presence, Clock clock, RetryPolicy retry) {
        this.store = store;
        this.presence = presence;
        this.recipes = new RecipeCheck(blobs, presence);
        this.clock = clock;
        this.retry = retry;
    }

    List<CommitResultDto> commit(VaultId vault, DeviceRecord device, List<CommitCommand> commands) {
        CommitResultDto[] results = new CommitResultDto[commands.size()];
        List<Integer> pending = checkBlobs(vault, commands, results);
        RetryPolicy.Attempts attempts = retry.start(clock);
        int chunk = store.maxWritesPerCommit();
        while (!pending.isEmpty()) {
            attempts.requireTimeLeft("the commit");
            List<Integer> round = pending.subList(0, Math.min(chunk, pending.size()));
            int settled = round(vault, device, commands, round, results);
            if (settled > 0) {
                pending = pending.subList(settled, pending.size());
            } else {
                attempts.lost("the commit");
            }
        }
        return List.of(results);
    }

    /**
     * Every blob an entry names must be stored at its size: its content's blob, or for a chunked
     * entry its recipe and every chunk the recipe names ({@link RecipeCheck}). Checked before any
     * write; a broken recipe refuses the whole batch.
     */
    private List<Integer> checkBlobs(VaultId vault, List<CommitCommand> commands, CommitResultDto[] results) {
        Map<ContentHash, Long> expected = new LinkedHashMap<>();
        // A recipe's own size is not in the entry (null: any size); RecipeCheck reads and checks it.
        commands.stream().filter(c -> !c.deleted() && !c.folder())
                .forEach(c -> expected.putIfAbsent(c.isChunked() ? c.recipe() : c.hash(), c.isChunked() ? null : c.size()));
        Map<ContentHash, Long> sizes = presence.sizes(vault, expected);
        Map<String, Boolean> recipesComplete = new HashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            CommitCommand c = commands.get(i);
            boolean stored;
            if (c.deleted() || c.folder()) {
                // A tombstone or a folder has no blob to check.
                stored = true;
            } else if (c.isChunked()) {
                stored = sizes.containsKey(c.recipe()) && recipesComplete.computeIfAbsent(c.recipe() + "/" + c.size(),
                        key -> recipes.complete(vault, c.recipe(), c.size()));
            } else {
                Long size = sizes.get(c.hash());
                stored = size != null && size == c.size();
            }
            if (stored) {
                pending.add(i);
            } else {
                results[i] = new CommitResultDto(c.path().value(), CommitResultDto.MISSING_BLOB, null, null, null);
            }
        }
        return pending;
    }

    /**
     * One round over {@code round} (at most one store batch): read once, decide each entry, write
     * those that need it in one atomic batch. Returns how many of {@code round}, from the first, are
     * settled: all, or those before the first write that did not fit the batch (the rest are read
     * and decided again); 0 if the batch was stale: nothing was written and the round's results are
     * decided again on a fresh read.
     */
    private int round(VaultId vault, DeviceRecord device, List<CommitCommand> commands, List<Integer> round,
                      CommitResultDto[] results) {
        CommitBase base = store.readForCommit(vault, round.stream().map(i -> commands.get(i).path()).toList())
                .orElseThrow(() -> notFound(vault));
        Instant now = clock.instant();
        List<Integer> toWrite = new ArrayList<>();
        List<EntryWrite> writes = new ArrayList<>();
        for (int i : round) {
            CommitCommand c = commands.get(i);
            ManifestEntry current = base.entries().get(c.path());
            CommitRule.Outcome outcome = CommitRule.decide(c, current);
            if (outcome instanceof CommitRule.Write) {
                toWrite.add(i);
                writes.add(write(c, current, device, base.seq().plus(writes.size() + 1L), now));
            } else if (outcome instanceof CommitRule.AlreadyCurrent) {
                results[i] = current == null
                        ? committed(c.path(), 0, 0)
                        : committed(c.path(), current.version().value(), current.seq().value());
            } else {
                results[i] = new CommitResultDto(c.path().value(), CommitResultDto.CONFLICT, null, null,
                        current == null ? null : EntryDto.of(current));
            }
        }
        if (writes.isEmpty()) {
            return round.size();
        }
        int fits = store.fitting(writes);
        if (fits < 1) {
            throw new IllegalStateException("the manifest store takes none of " + writes.size() + " writes");
        }
        int settled = fits == writes.size() ? round.size() : round.indexOf(toWrite.get(fits));
        if (store.commit(vault, base, writes.subList(0, fits), now) != CommitAttempt.APPLIED) {
            return 0;
        }
        for (int k = 0; k < fits; k++) {
            ManifestEntry written = writes.get(k).entry();
            results[toWrite.get(k)] = committed(written.path(), written.version().value(), written.seq().value());
        }
        return settled;
    }

    private static EntryWrite write(CommitCommand c, ManifestEntry current, DeviceRecord device, Seq seq, Instant now) {
        FileVersion expected = current == null ? FileVersion.NONE : current.version();
        ManifestEntry entry = c.deleted()
                ? ManifestEntry.tombstone(c.path(), expected.next(), device.id(), seq, now)
                : ManifestEntry.live(c.path(), expected.next(), c.hash(), c.size(), c.mtime(), device.id(), seq, now)
                        .withRecipe(recipe(c, current)).withExecutable(executable(c, current));
        return new EntryWrite(expected, entry);
    }

    /**
     * The stored layout (its recipe, or none: one blob) where the path holds the command's content
     * already, else the command's. A version of the same content is metadata only and moves no bytes;
     * and the server cannot hash a chunked file, so a recipe sent beside a hash every device holds
     * could name other bytes: the devices that hold the file would see a touch and never send it
     * again, while every new download failed (docs/security.md).
     */
    private static ContentHash recipe(CommitCommand c, ManifestEntry current) {
        return CommitRule.holdsTheSameContent(c, current) ? current.recipe() : c.recipe();
    }

    /** The bit the command sends, else the stored file's: a client that does not know the bit never clears it. */
    private static Boolean executable(CommitCommand c, ManifestEntry current) {
        if (c.folder()) {
            return null;
        }
        if (c.executable() != null) {
            return c.executable();
        }
        return current == null || current.deleted() || current.folder() ? null : current.executable();
    }

    private static CommitResultDto committed(VaultPath path, long version, long seq) {
        return new CommitResultDto(path.value(), CommitResultDto.COMMITTED, version, seq, null);
    }

    static SkysyncException notFound(VaultId vault) {
        return new SkysyncException(ErrorCode.NOT_FOUND, "no vault \"" + vault + "\"");
    }
}
