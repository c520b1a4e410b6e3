package io.skysync.client.sync;

import io.skysync.api.LocalChangeDto;
import io.skysync.client.index.IndexRow;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Action;
import io.skysync.reconcile.ConflictResolver;
import io.skysync.reconcile.Reconciler;
import io.skysync.reconcile.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the three sides of every path into {@link Step}s: pure, no I/O, sorted by path. The
 * three-way rule and the conflict policy come from {@code shared} ({@link Reconciler},
 * {@link ConflictResolver}); this class only maps their answers onto one direction of a run.
 */
public final class Planner {
    private Planner() {
    }

    /** The local changes to announce in the plan call: every path whose content differs from what was last synced. */
    public static List<LocalChangeDto> localChanges(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local,
                                                    java.util.function.Predicate<VaultPath> excluded, SyncOptions options) {
        if (options.direction() == Direction.PULL) {
            return List.of();
        }
        java.util.TreeSet<VaultPath> paths = new java.util.TreeSet<>(rows.keySet());
        paths.addAll(local.keySet());
        List<LocalChangeDto> changes = new ArrayList<>();
        for (VaultPath path : paths) {
            if (excluded.test(path)) {
                continue;
            }
            IndexRow row = rows.get(path);
            LocalFile file = local.get(path);
            Snapshot ancestor = row == null ? Snapshot.ABSENT : row.ancestor();
            ContentHash now = file == null ? null : file.hash();
            boolean differsFromRemote = options.pushAll() && file != null
                    && !Objects.equals(now, RemoteFile.fromRow(row).hash());
            if (!Objects.equals(now, ancestor.content()) || differsFromRemote) {
                long base = ancestor.version().value();
                changes.add(file == null
                        ? new LocalChangeDto(path.value(), base, null, null, true)
                        : new LocalChangeDto(path.value(), base, now.hex(), file.size(), false));
            }
        }
        return changes;
    }

    /** One path's step, or null when nothing is to be done. */
    public static Step decide(VaultPath path, Snapshot ancestor, LocalFile local, RemoteFile remote, SyncOptions options) {
        Action action = Reconciler.reconcile(ancestor, local == null ? null : local.hash(), remote.snapshot());
        Direction direction = options.direction();
        if (action instanceof Action.Nothing) {
            return null;
        }
        if (action instanceof Action.Adopt) {
            return new Step.Adopt(path, remote);
        }
        if (action instanceof Action.Upload up) {
            return direction == Direction.PULL ? new Step.Hold(path, "local change waits for a push", false)
                    : new Step.Commit(path, up.baseVersion().value(), local, remote);
        }
        if (action instanceof Action.DeleteRemote del) {
            return direction == Direction.PULL ? new Step.Hold(path, "local deletion waits for a push", false)
                    : new Step.Commit(path, del.baseVersion().value(), null, remote);
        }
        if (action instanceof Action.Download) {
            if (direction == Direction.PUSH) {
                return options.pushAll() && local != null ? new Step.Commit(path, remote.version(), local, remote)
                        : new Step.Hold(path, "remote change waits for a pull", false);
            }
            return new Step.Fetch(path, remote, local);
        }
        if (action instanceof Action.DeleteLocal) {
            if (direction == Direction.PUSH) {
                return options.pushAll() && local != null ? new Step.Commit(path, remote.version(), local, remote)
                        : new Step.Hold(path, "remote deletion waits for a pull", false);
            }
            return new Step.RemoveLocal(path, remote, local);
        }
        Action.Conflict conflict = (Action.Conflict) action;
        if (direction == Direction.PULL) {
            return new Step.Hold(path, "changed on both sides; local version kept, run 'skysync sync' to settle", true);
        }
        if (direction == Direction.PUSH && !options.pushAll()) {
            return new Step.Hold(path, "changed on both sides; run 'skysync sync' (or push --mode all to force)", true);
        }
        ConflictResolver.Decision decision = direction == Direction.PUSH ? ConflictResolver.Decision.TAKE_LOCAL
                : ConflictResolver.decide(options.policy(), local.mtimeMillis(), local.hash(),
                remote.mtimeMillis(), conflict.remoteContent());
        return switch (decision) {
            case KEEP_BOTH -> new Step.KeepBoth(path, remote, local);
            case TAKE_LOCAL -> new Step.Commit(path, remote.version(), local, remote);
            case TAKE_REMOTE -> new Step.Fetch(path, remote, local);
        };
    }

    /** Every path's step, sorted by path; on a case-folding disk, a new name that clashes by case is held as a conflict. */
    public static List<Step> plan(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local, RemoteView view,
                                  java.util.function.Predicate<VaultPath> excluded, SyncOptions options) {
        java.util.TreeSet<VaultPath> paths = new java.util.TreeSet<>(rows.keySet());
        paths.addAll(local.keySet());
        paths.addAll(view.entries().keySet());
        Map<String, VaultPath> folded = new HashMap<>();
        if (options.caseInsensitive()) {
            local.keySet().forEach(p -> folded.put(p.caseFoldKey(), p));
        }
        List<Step> steps = new ArrayList<>();
        for (VaultPath path : paths) {
            if (excluded.test(path)) {
                continue;
            }
            IndexRow row = rows.get(path);
            Snapshot ancestor = row == null ? Snapshot.ABSENT : row.ancestor();
            Step step = decide(path, ancestor, local.get(path), remoteOf(path, row, view), options);
            if (step instanceof Step.Fetch fetch && fetch.expectedLocal() == null && options.caseInsensitive()) {
                VaultPath other = folded.putIfAbsent(path.caseFoldKey(), path);
                if (other != null && !other.equals(path)) {
                    step = new Step.Hold(path, "differs only by case from " + other
                            + ", which this disk cannot hold side by side; rename one of them", true);
                }
            }
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    static RemoteFile remoteOf(VaultPath path, IndexRow row, RemoteView view) {
        var entry = view.entries().get(path);
        if (entry != null) {
            return RemoteFile.of(entry);
        }
        return view.complete() ? RemoteFile.ABSENT : RemoteFile.fromRow(row);
    }
}
