package io.skysync.testing;

import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.service.CommitAttempt;
import io.skysync.service.EntryWrite;
import io.skysync.service.ManifestStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a store and records every call that writes ({@code createVault}, {@code putDevice},
 * {@code commit}), so a test can assert that a refused request wrote nothing. Reads pass through.
 */
public final class RecordingManifestStore extends ForwardingManifestStore {
    private final List<String> writes = new CopyOnWriteArrayList<>();

    private RecordingManifestStore(ManifestStore delegate) {
        super(delegate);
    }

    public static RecordingManifestStore wrapping(ManifestStore delegate) {
        return new RecordingManifestStore(delegate);
    }

    /** The write calls since the last {@link #clear()}, e.g. {@code "commit vault-a 3 writes"}. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    public void clear() {
        writes.clear();
    }

    @Override
    public boolean createVault(VaultId vault, DeviceRecord firstDevice, Instant now) {
        writes.add("createVault " + vault);
        return super.createVault(vault, firstDevice, now);
    }

    @Override
    public void putDevice(VaultId vault, DeviceRecord device) {
        writes.add("putDevice " + vault + " " + device.id());
        super.putDevice(vault, device);
    }

    @Override
    public CommitAttempt commit(VaultId vault, Seq expectedSeq, List<EntryWrite> writes, Instant now) {
        this.writes.add("commit " + vault + " " + writes.size() + " writes");
        return super.commit(vault, expectedSeq, writes, now);
    }
}
