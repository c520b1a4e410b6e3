package io.skysync.testing;

import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.service.ChangePage;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.ManifestStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Wraps a store and runs a hook just before each {@link #commit}: after the service has checked
 * the blobs and read the head, before the conditional write (and one before each change-log read).
 * Race tests put a clean-up run there.
 */
public final class HookedManifestStore extends ForwardingManifestStore {
    private volatile Runnable beforeCommit = () -> { };
    private volatile Runnable beforeChanges = () -> { };

    public HookedManifestStore(ManifestStore delegate) {
        super(delegate);
    }

    public void beforeCommit(Runnable hook) {
        this.beforeCommit = Objects.requireNonNull(hook, "hook");
    }

    /** Runs just before each {@link #changesSince}: after the service has read the vault head and floor. */
    public void beforeChanges(Runnable hook) {
        this.beforeChanges = Objects.requireNonNull(hook, "hook");
    }

    @Override
    public CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now) {
        beforeCommit.run();
        return super.commit(vault, base, writes, now);
    }

    @Override
    public ChangePage changesSince(VaultId vault, Seq after, int limit) {
        beforeChanges.run();
        return super.changesSince(vault, after, limit);
    }
}
