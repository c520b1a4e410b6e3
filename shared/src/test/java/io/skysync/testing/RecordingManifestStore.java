package io.skysync.testing;

import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.ManifestStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a store and records every call that writes ({@code createVault}, {@code addDevice}, {@code recordSeen},
 * {@code changeAccess}, {@code renameDevice}, {@code commit}), so a test can assert that a refused request wrote nothing. Reads pass through.
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
    public boolean addDevice(VaultId vault, DeviceRecord device) {
        writes.add("addDevice " + vault + " " + device.id());
        return super.addDevice(vault, device);
    }

    @Override
    public boolean recordSeen(VaultId vault, DeviceId device, Instant lastSeen, Seq cursor) {
        writes.add("recordSeen " + vault + " " + device);
        return super.recordSeen(vault, device, lastSeen, cursor);
    }

    @Override
    public boolean changeAccess(VaultId vault, DeviceRecord expected, Role role, boolean revoked,
                                Optional<DeviceId> keeper) {
        writes.add("changeAccess " + vault + " " + expected.id());
        return super.changeAccess(vault, expected, role, revoked, keeper);
    }

    @Override
    public boolean renameDevice(VaultId vault, DeviceId device, String name) {
        writes.add("renameDevice " + vault + " " + device);
        return super.renameDevice(vault, device, name);
    }

    @Override
    public CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now) {
        this.writes.add("commit " + vault + " " + writes.size() + " writes");
        return super.commit(vault, base, writes, now);
    }
}
