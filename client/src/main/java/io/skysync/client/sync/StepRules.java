package io.skysync.client.sync;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Action;
import io.skysync.reconcile.ConflictResolver;
import io.skysync.reconcile.Reconciler;
import io.skysync.reconcile.Snapshot;

/**
 * One path's three sides to one {@link Step}: the three-way rule and the conflict policy come
 * from {@code shared} ({@link Reconciler}, {@link ConflictResolver}); this class only maps their
 * answer onto the direction of the run (two-way, push, pull) and the device's role. Pure.
 */
final class StepRules {
    /** Names a keep-both step: its conflict copy, or a failure if no name is free. */
    interface CopyNamer {
        Step keepBoth(VaultPath path, RemoteFile remote, LocalFile local);
    }

    private StepRules() {
    }

    /** One path's step, or null when nothing is to be done. */
    static Step decide(VaultPath path, Snapshot ancestor, LocalFile local, RemoteFile remote, Snapshot past,
                       SyncOptions options, CopyNamer namer) {
        Action action = Reconciler.reconcile(ancestor, local == null ? null : local.hash(), remote.snapshot(), past);
        Direction direction = options.effectiveDirection();
        if (local != null && remote.live() && local.folder() != remote.folder()
                && (action instanceof Action.Download || action instanceof Action.Conflict)) {
            // Neither may replace the other: a folder holds files a device may not have seen.
            return new Step.Hold(path, "is a " + kind(local.folder()) + " here and a " + kind(remote.folder())
                    + " in the vault; rename one of them", Step.Hold.Why.CONFLICT);
        }
        if (action instanceof Action.Nothing) {
            return null;
        }
        if (action instanceof Action.Adopt) {
            return new Step.Adopt(path, remote);
        }
        if (action instanceof Action.Upload up) {
            return direction == Direction.PULL ? waiting(path, "local change", options)
                    : new Step.Commit(path, up.baseVersion(), local, remote);
        }
        if (action instanceof Action.DeleteRemote del) {
            return direction == Direction.PULL ? waiting(path, "local deletion", options)
                    : new Step.Commit(path, del.baseVersion(), null, remote);
        }
        if (action instanceof Action.Download) {
            if (direction == Direction.PUSH) {
                return options.pushAll() && local != null ? new Step.Commit(path, remote.version(), local, remote)
                        : new Step.Hold(path, "remote change waits for a pull", Step.Hold.Why.OTHER_DIRECTION);
            }
            return new Step.Fetch(path, remote, local);
        }
        if (action instanceof Action.DeleteLocal) {
            if (direction == Direction.PUSH) {
                return options.pushAll() && local != null ? new Step.Commit(path, remote.version(), local, remote)
                        : new Step.Hold(path, "remote deletion waits for a pull", Step.Hold.Why.OTHER_DIRECTION);
            }
            return new Step.RemoveLocal(path, remote, local);
        }
        return conflict(path, (Action.Conflict) action, local, remote, options, namer);
    }

    private static Step conflict(VaultPath path, Action.Conflict conflict, LocalFile local, RemoteFile remote,
                                 SyncOptions options, CopyNamer namer) {
        Direction direction = options.effectiveDirection();
        if (direction == Direction.PULL) {
            String reason = options.readOnly() ? "changed on both sides; the local version is kept here (this device is read-only)"
                    : "changed on both sides; local version kept, run 'skysync sync' to settle";
            return new Step.Hold(path, reason, Step.Hold.Why.CONFLICT);
        }
        if (direction == Direction.PUSH && !options.pushAll()) {
            return new Step.Hold(path, "changed on both sides; run 'skysync sync' (or push --mode all to force)",
                    Step.Hold.Why.CONFLICT);
        }
        ConflictResolver.Decision decision = direction == Direction.PUSH ? ConflictResolver.Decision.TAKE_LOCAL
                : ConflictResolver.decide(options.policy(), local.mtimeMillis(), local.hash(), remote.mtimeMillis(),
                conflict.remoteContent());
        return switch (decision) {
            case KEEP_BOTH -> namer.keepBoth(path, remote, local);
            case TAKE_LOCAL -> new Step.Commit(path, remote.version(), local, remote);
            case TAKE_REMOTE -> new Step.Fetch(path, remote, local);
        };
    }

    private static String kind(boolean folder) {
        return folder ? "folder" : "file";
    }

    private static Step waiting(VaultPath path, String what, SyncOptions options) {
        return options.readOnly()
                ? new Step.Hold(path, "this device is read-only: the " + what + " stays here", Step.Hold.Why.READ_ONLY)
                : new Step.Hold(path, what + " waits for a push", Step.Hold.Why.OTHER_DIRECTION);
    }
}
