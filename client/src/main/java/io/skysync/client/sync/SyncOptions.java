package io.skysync.client.sync;

import io.skysync.reconcile.ConflictPolicy;
import java.util.Objects;

/**
 * Settings of one run.
 *
 * @param direction        two-way, push or pull
 * @param policy           how conflicts are settled
 * @param dryRun           decide and report, change nothing
 * @param maxDeletePercent stop if more than this share of the vault's files would be deleted
 * @param allowMassDelete  the user confirmed a large deletion
 * @param pushAll          push: make the vault match every local file, local wins over remote changes
 * @param deviceName       this device's name, for conflict copies
 * @param caseInsensitive  the disk folds case: paths differing only by case are conflicts
 */
public record SyncOptions(Direction direction, ConflictPolicy policy, boolean dryRun, int maxDeletePercent,
                          boolean allowMassDelete, boolean pushAll, String deviceName, boolean caseInsensitive) {
    public SyncOptions {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(deviceName, "deviceName");
    }

    public static SyncOptions twoWay(ConflictPolicy policy, String deviceName) {
        return new SyncOptions(Direction.BOTH, policy, false, 50, false, false, deviceName, false);
    }

    public SyncOptions withDirection(Direction d) {
        return new SyncOptions(d, policy, dryRun, maxDeletePercent, allowMassDelete, pushAll, deviceName, caseInsensitive);
    }

    public SyncOptions withDryRun(boolean dry) {
        return new SyncOptions(direction, policy, dry, maxDeletePercent, allowMassDelete, pushAll, deviceName, caseInsensitive);
    }

    public SyncOptions withMassDelete(int percent, boolean allow) {
        return new SyncOptions(direction, policy, dryRun, percent, allow, pushAll, deviceName, caseInsensitive);
    }

    public SyncOptions withPushAll(boolean all) {
        return new SyncOptions(direction, policy, dryRun, maxDeletePercent, allowMassDelete, all, deviceName, caseInsensitive);
    }

    public SyncOptions withCaseInsensitive(boolean folds) {
        return new SyncOptions(direction, policy, dryRun, maxDeletePercent, allowMassDelete, pushAll, deviceName, folds);
    }
}
