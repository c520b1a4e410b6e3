package io.skysync.service;

import io.skysync.api.CommitResultDto;
import io.skysync.api.EntryDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The commit rule of docs/design.md: each entry is written only if the manifest still has its
 * {@code baseVersion}; a retry of a write that already landed answers {@code committed}; every
 * written entry takes the next vault seq, so seq order is commit order.
 */
final class CommitProcessor {
    /** Contention bound: every round some committer of the vault wins, so this is only hit under a storm. */
    private static final int MAX_ROUNDS = 10_000;

    private final ManifestStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final BlobGuard guard;

    CommitProcessor(ManifestStore store, BlobStore blobs, Clock clock, BlobGuard guard) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.guard = guard;
    }

    List<CommitResultDto> commit(VaultId vault, DeviceRecord device, List<CommitCommand> commands) {
        CommitResultDto[] results = new CommitResultDto[commands.size()];
        List<Integer> pending = checkBlobs(vault, commands, results);
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new SkysyncException(ErrorCode.UNAVAILABLE, "the vault is too busy; retry the commit");
            }
            pending = attempt(vault, device, commands, pending, results);
        }
        return List.of(results);
    }

    private List<Integer> checkBlobs(VaultId vault, List<CommitCommand> commands, CommitResultDto[] results) {
        Set<ContentHash> hashes = commands.stream().filter(c -> !c.deleted()).map(CommitCommand::hash)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        // The guard first, storage second (see BlobGuard): a blob the clean-up has claimed is missing.
        Set<ContentHash> usable = hashes.isEmpty() ? Set.of() : guard.usable(vault, hashes);
        Map<ContentHash, Long> sizes = usable.isEmpty() ? Map.of() : blobs.sizes(vault, usable);
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            CommitCommand c = commands.get(i);
            Long stored = c.deleted() ? null : sizes.get(c.hash());
            if (!c.deleted() && (stored == null || stored != c.size())) {
                results[i] = new CommitResultDto(c.path().value(), CommitResultDto.MISSING_BLOB, null, null, null);
            } else {
                pending.add(i);
            }
        }
        return pending;
    }

    /** One round: read the current state, settle what needs no write, try the writes in store-sized chunks. */
    private List<Integer> attempt(VaultId vault, DeviceRecord device, List<CommitCommand> commands,
                                  List<Integer> pending, CommitResultDto[] results) {
        Map<VaultPath, ManifestEntry> current = store.entries(vault, paths(commands, pending));
        Seq seq = store.vault(vault).orElseThrow(() -> notFound(vault)).seq();
        Instant now = clock.instant();
        List<Integer> toWrite = new ArrayList<>();
        for (int i : pending) {
            CommitCommand c = commands.get(i);
            results[i] = settleWithoutWrite(c, current.get(c.path()), device);
            if (results[i] == null) {
                toWrite.add(i);
            }
        }
        int chunkSize = store.maxWritesPerCommit();
        for (int from = 0; from < toWrite.size(); from += chunkSize) {
            List<Integer> chunk = toWrite.subList(from, Math.min(toWrite.size(), from + chunkSize));
            List<EntryWrite> writes = new ArrayList<>(chunk.size());
            for (int k = 0; k < chunk.size(); k++) {
                writes.add(write(commands.get(chunk.get(k)), current, device, seq.plus(k + 1L), now));
            }
            CommitAttempt outcome = store.commit(vault, seq, writes, now);
            if (!(outcome instanceof CommitAttempt.Applied)) {
                return toWrite.subList(from, toWrite.size());
            }
            for (int k = 0; k < chunk.size(); k++) {
                ManifestEntry written = writes.get(k).entry();
                results[chunk.get(k)] = committed(written.path(), written.version().value(), written.seq().value());
            }
            seq = seq.plus(chunk.size());
        }
        return List.of();
    }

    private static CommitResultDto settleWithoutWrite(CommitCommand c, ManifestEntry cur, DeviceRecord device) {
        long curVersion = cur == null ? 0 : cur.version().value();
        if (curVersion != c.baseVersion().value()) {
            if (cur != null && cur.isSameWrite(c.hash(), c.deleted(), device.id())) {
                return committed(c.path(), curVersion, cur.seq().value());
            }
            return new CommitResultDto(c.path().value(), CommitResultDto.CONFLICT, null, null,
                    cur == null ? null : EntryDto.of(cur));
        }
        if (c.deleted() && (cur == null || cur.deleted())) {
            // Deleting what is already gone changes nothing and makes no version.
            return committed(c.path(), curVersion, cur == null ? 0 : cur.seq().value());
        }
        if (!c.deleted() && cur != null && !cur.deleted() && cur.hash().equals(c.hash()) && cur.size() == c.size()) {
            return committed(c.path(), curVersion, cur.seq().value());
        }
        return null;
    }

    private static EntryWrite write(CommitCommand c, Map<VaultPath, ManifestEntry> current, DeviceRecord device,
                                    Seq seq, Instant now) {
        ManifestEntry cur = current.get(c.path());
        var expected = cur == null ? io.skysync.domain.FileVersion.NONE : cur.version();
        ManifestEntry entry = c.deleted()
                ? ManifestEntry.tombstone(c.path(), expected.next(), device.id(), seq, now)
                : ManifestEntry.live(c.path(), expected.next(), c.hash(), c.size(), c.mtime(), device.id(), seq, now);
        return new EntryWrite(expected, entry);
    }

    private static List<VaultPath> paths(List<CommitCommand> commands, Collection<Integer> indexes) {
        return indexes.stream().map(i -> commands.get(i).path()).toList();
    }

    private static CommitResultDto committed(VaultPath path, long version, long seq) {
        return new CommitResultDto(path.value(), CommitResultDto.COMMITTED, version, seq, null);
    }

    static SkysyncException notFound(VaultId vault) {
        return new SkysyncException(ErrorCode.NOT_FOUND, "no vault \"" + vault + "\"");
    }
}
