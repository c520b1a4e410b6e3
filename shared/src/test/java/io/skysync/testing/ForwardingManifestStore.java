package io.skysync.testing;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.ChangePage;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.FilePage;
import io.skysync.service.ManifestStore;
import io.skysync.service.VaultMeta;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ManifestStore} that passes every call to another one, for test decorators that
 * override only the calls they watch or delay ({@link HookedManifestStore},
 * {@link RecordingManifestStore}). A method added to the port is forwarded here once.
 */
public abstract class ForwardingManifestStore implements ManifestStore {
    private final ManifestStore delegate;

    protected ForwardingManifestStore(ManifestStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public boolean createVault(VaultId vault, DeviceRecord firstDevice, Instant now) {
        return delegate.createVault(vault, firstDevice, now);
    }

    @Override
    public Optional<VaultMeta> vault(VaultId vault) {
        return delegate.vault(vault);
    }

    @Override
    public Optional<DeviceRecord> device(VaultId vault, DeviceId device) {
        return delegate.device(vault, device);
    }

    @Override
    public List<DeviceRecord> devices(VaultId vault) {
        return delegate.devices(vault);
    }

    @Override
    public boolean addDevice(VaultId vault, DeviceRecord device) {
        return delegate.addDevice(vault, device);
    }

    @Override
    public boolean recordSeen(VaultId vault, DeviceId device, Instant lastSeen, Seq cursor) {
        return delegate.recordSeen(vault, device, lastSeen, cursor);
    }

    @Override
    public boolean changeAccess(VaultId vault, DeviceRecord expected, Role role, boolean revoked,
                                Optional<DeviceId> keeper) {
        return delegate.changeAccess(vault, expected, role, revoked, keeper);
    }

    @Override
    public boolean renameDevice(VaultId vault, DeviceId device, String name) {
        return delegate.renameDevice(vault, device, name);
    }

    @Override
    public Map<VaultPath, ManifestEntry> entries(VaultId vault, Collection<VaultPath> paths) {
        return delegate.entries(vault, paths);
    }

    @Override
    public Optional<CommitBase> readForCommit(VaultId vault, Collection<VaultPath> paths) {
        return delegate.readForCommit(vault, paths);
    }

    @Override
    public CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now) {
        return delegate.commit(vault, base, writes, now);
    }

    @Override
    public int maxWritesPerCommit() {
        return delegate.maxWritesPerCommit();
    }

    @Override
    public int fitting(List<EntryWrite> writes) {
        return delegate.fitting(writes);
    }

    @Override
    public ChangePage changesSince(VaultId vault, Seq after, int limit) {
        return delegate.changesSince(vault, after, limit);
    }

    @Override
    public FilePage files(VaultId vault, VaultPath after, int limit) {
        return delegate.files(vault, after, limit);
    }

    @Override
    public List<ManifestEntry> history(VaultId vault, VaultPath path, int limit) {
        return delegate.history(vault, path, limit);
    }

    @Override
    public Optional<ManifestEntry> version(VaultId vault, VaultPath path, FileVersion version) {
        return delegate.version(vault, path, version);
    }

    @Override
    public Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes) {
        return delegate.recordedBlobs(vault, hashes);
    }

    @Override
    public void recordBlobs(VaultId vault, Map<ContentHash, Long> sizes) {
        delegate.recordBlobs(vault, sizes);
    }

    @Override
    public void forgetBlobs(VaultId vault, Collection<ContentHash> hashes) {
        delegate.forgetBlobs(vault, hashes);
    }
}
