package io.skysync.client.sync;

import io.skysync.reconcile.ConflictPolicy;
import java.util.Objects;

/**
 * Settings of one run: inputs of the plan, as the index, the scan and the remote view are.
 *
 * @param direction        two-way, push or pull
 * @param policy           how conflicts are settled
 * @param dryRun           decide and report, change nothing
 * @param maxDeletePercent stop if more than this share of the files would be deleted (here and remotely)
 * @param allowMassDelete  the user confirmed a large deletion
 * @param pushAll          push: make the vault match every local file, local wins over remote changes
 * @param deviceName       this device's name, for conflict copies
 * @param caseInsensitive  the disk folds case: paths differing only by case are conflicts
 * @param readOnly         the device's role is read-only: local changes stay here, remote ones are applied
 */
public record SyncOptions(Direction direction, ConflictPolicy policy, boolean dryRun, int maxDeletePercent,
                          boolean allowMassDelete, boolean pushAll, String deviceName, boolean caseInsensitive,
                          boolean readOnly) {
    public static final int DEFAULT_MAX_DELETE_PERCENT = 50;

    public SyncOptions {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(deviceName, "deviceName");
        if (maxDeletePercent < 0 || maxDeletePercent > 100) {
            throw new IllegalArgumentException("maxDeletePercent is a percentage from 0 to 100");
        }
    }

    public static SyncOptions twoWay(ConflictPolicy policy, String deviceName) {
        return new SyncOptions(Direction.BOTH, policy, false, DEFAULT_MAX_DELETE_PERCENT, false, false, deviceName,
                false, false);
    }

    public SyncOptions withDirection(Direction d) {
        return new SyncOptions(d, policy, dryRun, maxDeletePercent, allowMassDelete, pushAll, deviceName, caseInsensitive,
                readOnly);
    }

    public SyncOptions withDryRun(boolean dry) {
        return new SyncOptions(direction, policy, dry, maxDeletePercent, allowMassDelete, pushAll, deviceName,
                caseInsensitive, readOnly);
    }

    public SyncOptions withMassDelete(int percent, boolean allow) {
        return new SyncOptions(direction, policy, dryRun, percent, allow, pushAll, deviceName, caseInsensitive, readOnly);
    }

    public SyncOptions withPushAll(boolean all) {
        return new SyncOptions(direction, policy, dryRun, maxDeletePercent, allowMassDelete, all, deviceName,
                caseInsensitive, readOnly);
    }

    public SyncOptions withCaseInsensitive(boolean folds) {
        return new SyncOptions(direction, policy, dryRun, maxDeletePercent, allowMassDelete, pushAll, deviceName, folds,
                readOnly);
    }

    public SyncOptions withReadOnly(boolean role) {
        return new SyncOptions(direction, policy, dryRun, maxDeletePercent, allowMassDelete, pushAll, deviceName,
                caseInsensitive, role);
    }

    /** Which way changes may flow: a read-only device only pulls, whatever the command. */
    Direction effectiveDirection() {
        return readOnly ? Direction.PULL : direction;
    }
}
