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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ManifestStore} in memory, for tests: a test double, not a product backend. Each vault is
 * guarded by its own monitor, so a commit is atomic and strongly consistent like a DynamoDB or
 * Azure Table transaction. It passes {@link ManifestStoreContract} ({@code InMemoryManifestStoreTest}).
 */
public final class InMemoryManifestStore implements ManifestStore {
    /** What a DynamoDB or Azure Table transaction holds: 49 writes (2n + 2 items, at most 100). */
    public static final int DEFAULT_MAX_WRITES_PER_COMMIT = 49;

    private final int maxWritesPerCommit;
    private final Map<VaultId, VaultState> vaults = new ConcurrentHashMap<>();
    private final InMemoryBlobRecords blobs = new InMemoryBlobRecords();

    public InMemoryManifestStore() {
        this(DEFAULT_MAX_WRITES_PER_COMMIT);
    }

    public InMemoryManifestStore(int maxWritesPerCommit) {
        if (maxWritesPerCommit < 1) {
            throw new IllegalArgumentException("maxWritesPerCommit must be >= 1, got " + maxWritesPerCommit);
        }
        this.maxWritesPerCommit = maxWritesPerCommit;
    }

    @Override
    public boolean createVault(VaultId vault, DeviceRecord firstDevice, Instant now) {
        Objects.requireNonNull(firstDevice, "firstDevice");
        VaultState fresh = new VaultState(new VaultMeta(vault, Seq.ZERO, Seq.ZERO, now));
        fresh.devices.put(firstDevice.id(), firstDevice);
        return vaults.putIfAbsent(Objects.requireNonNull(vault, "vault"), fresh) == null;
    }

    @Override
    public Optional<VaultMeta> vault(VaultId vault) {
        return state(vault).map(s -> {
            synchronized (s) {
                return s.meta;
            }
        });
    }

    @Override
    public Optional<DeviceRecord> device(VaultId vault, DeviceId device) {
        return state(vault).flatMap(s -> {
            synchronized (s) {
                return Optional.ofNullable(s.devices.get(device));
            }
        });
    }

    @Override
    public List<DeviceRecord> devices(VaultId vault) {
        return state(vault).map(s -> {
            synchronized (s) {
                return List.copyOf(s.devices.values());
            }
        }).orElse(List.of());
    }

    @Override
    public boolean addDevice(VaultId vault, DeviceRecord device) {
        Objects.requireNonNull(device, "device");
        VaultState s = existing(vault);
        synchronized (s) {
            return s.devices.putIfAbsent(device.id(), device) == null;
        }
    }

    @Override
    public boolean recordSeen(VaultId vault, DeviceId device, Instant lastSeen, Seq cursor) {
        Optional<VaultState> found = state(vault);
        if (found.isEmpty()) {
            return false;
        }
        VaultState s = found.get();
        synchronized (s) {
            DeviceRecord stored = s.devices.get(device);
            if (stored == null) {
                return false;
            }
            s.devices.put(device, stored.seen(lastSeen, cursor));
            return true;
        }
    }

    @Override
    public boolean changeAccess(VaultId vault, DeviceRecord expected, Role role, boolean revoked,
                                Optional<DeviceId> keeper) {
        Optional<VaultState> found = state(vault);
        if (found.isEmpty()) {
            return false;
        }
        VaultState s = found.get();
        synchronized (s) {
            DeviceRecord stored = s.devices.get(expected.id());
            if (stored == null || stored.role() != expected.role() || stored.revoked() != expected.revoked()) {
                return false;
            }
            if (keeper.isPresent()) {
                DeviceRecord kept = s.devices.get(keeper.get());
                if (kept == null || kept.revoked() || kept.role() != Role.ADMIN) {
                    return false;
                }
            }
            DeviceRecord changed = stored.withRole(role);
            s.devices.put(expected.id(), revoked ? changed.revoke() : changed);
            return true;
        }
    }

    @Override
    public boolean renameDevice(VaultId vault, DeviceId device, String name) {
        Optional<VaultState> found = state(vault);
        if (found.isEmpty()) {
            return false;
        }
        VaultState s = found.get();
        synchronized (s) {
            DeviceRecord stored = s.devices.get(device);
            if (stored == null || stored.revoked()) {
                return false;
            }
            s.devices.put(device, stored.withName(name));
            return true;
        }
    }

    @Override
    public Map<VaultPath, ManifestEntry> entries(VaultId vault, Collection<VaultPath> paths) {
        Optional<VaultState> found = state(vault);
        if (found.isEmpty()) {
            return Map.of();
        }
        VaultState s = found.get();
        Map<VaultPath, ManifestEntry> out = new HashMap<>();
        synchronized (s) {
            for (VaultPath path : paths) {
                ManifestEntry entry = s.files.get(path);
                if (entry != null) {
                    out.put(path, entry);
                }
            }
        }
        return Map.copyOf(out);
    }

    @Override
    public Optional<CommitBase> readForCommit(VaultId vault, Collection<VaultPath> paths) {
        Optional<VaultState> found = state(vault);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        VaultState s = found.get();
        synchronized (s) {
            Map<VaultPath, ManifestEntry> entries = new HashMap<>();
            for (VaultPath path : paths) {
                ManifestEntry entry = s.files.get(path);
                if (entry != null) {
                    entries.put(path, entry);
                }
            }
            return Optional.of(CommitBase.of(s.meta.seq(), entries));
        }
    }

    @Override
    public CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now) {
        EntryWrite.checkBatch(base.seq(), writes, maxWritesPerCommit);
        VaultState s = existing(vault);
        synchronized (s) {
            if (!s.meta.seq().equals(base.seq()) || !base.expects(writes)) {
                return CommitAttempt.STALE;
            }
            for (EntryWrite write : writes) {
                ManifestEntry current = s.files.get(write.entry().path());
                FileVersion stored = current == null ? FileVersion.NONE : current.version();
                if (!stored.equals(write.expectedVersion())) {
                    // The head did not move, so nothing did: a base that lied about its entries.
                    throw new IllegalStateException("the base read another version of " + write.entry().path());
                }
            }
            Seq last = writes.get(writes.size() - 1).entry().seq();
            for (EntryWrite write : writes) {
                ManifestEntry entry = write.entry();
                s.files.put(entry.path(), entry);
                s.log.put(entry.seq().value(), new LogRecord(entry, last.value()));
                s.history.computeIfAbsent(entry.path(), p -> new TreeMap<>()).put(entry.version().value(), entry);
            }
            s.meta = new VaultMeta(vault, last, s.meta.logFloor(), s.meta.createdAt());
            return CommitAttempt.APPLIED;
        }
    }

    @Override
    public int maxWritesPerCommit() {
        return maxWritesPerCommit;
    }

    @Override
    public ChangePage changesSince(VaultId vault, Seq after, int limit) {
        requirePositive(limit);
        Optional<VaultState> found = state(vault);
        if (found.isEmpty()) {
            return new ChangePage(List.of(), after, false);
        }
        VaultState s = found.get();
        synchronized (s) {
            List<ManifestEntry> page = new ArrayList<>();
            long cursor = after.value();
            boolean atCommitEnd = true;
            // Whole commits only: stop after the commit that reaches the limit.
            for (LogRecord record : s.log.tailMap(after.value(), false).values()) {
                if (page.size() >= limit && atCommitEnd) {
                    break;
                }
                page.add(record.entry);
                cursor = record.entry.seq().value();
                atCommitEnd = cursor == record.commitLastSeq;
            }
            boolean hasMore = s.log.higherKey(cursor) != null;
            return new ChangePage(page, Seq.of(cursor), hasMore);
        }
    }

    @Override
    public FilePage files(VaultId vault, VaultPath after, int limit) {
        requirePositive(limit);
        Optional<VaultState> found = state(vault);
        if (found.isEmpty()) {
            return new FilePage(List.of(), null);
        }
        VaultState s = found.get();
        synchronized (s) {
            NavigableMap<VaultPath, ManifestEntry> rest = after == null ? s.files : s.files.tailMap(after, false);
            List<ManifestEntry> page = new ArrayList<>();
            for (ManifestEntry entry : rest.values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(entry);
            }
            boolean more = rest.size() > page.size();
            return new FilePage(page, more ? page.get(page.size() - 1).path() : null);
        }
    }

    @Override
    public List<ManifestEntry> history(VaultId vault, VaultPath path, int limit) {
        requirePositive(limit);
        Optional<VaultState> found = state(vault);
        if (found.isEmpty()) {
            return List.of();
        }
        VaultState s = found.get();
        synchronized (s) {
            NavigableMap<Long, ManifestEntry> versions = s.history.get(path);
            if (versions == null) {
                return List.of();
            }
            return versions.descendingMap().values().stream().limit(limit).toList();
        }
    }

    @Override
    public Optional<ManifestEntry> version(VaultId vault, VaultPath path, FileVersion version) {
        return state(vault).flatMap(s -> {
            synchronized (s) {
                NavigableMap<Long, ManifestEntry> versions = s.history.get(path);
                return Optional.ofNullable(versions == null ? null : versions.get(version.value()));
            }
        });
    }

    /**
     * Simulates log retention: drops change-log records with seq up to {@code floor} and raises the
     * vault's log floor, so a cursor below it answers {@code cursor_expired}.
     */
    public void raiseLogFloor(VaultId vault, Seq floor) {
        VaultState s = existing(vault);
        synchronized (s) {
            if (floor.compareTo(s.meta.seq()) > 0) {
                throw new IllegalArgumentException("the log floor cannot pass the head " + s.meta.seq());
            }
            s.log.headMap(floor.value(), true).clear();
            s.meta = new VaultMeta(vault, s.meta.seq(), floor, s.meta.createdAt());
        }
    }

    // ----- for InMemoryRetentionStore -----

    /** Every vault id, in no particular order. */
    public List<VaultId> vaultIds() {
        return List.copyOf(vaults.keySet());
    }

    /** The highest seq of a log record written before {@code cutoff}, or 0. */
    public Seq lastLogSeqBefore(VaultId vault, Instant cutoff) {
        return state(vault).map(s -> {
            synchronized (s) {
                long last = 0;
                for (LogRecord record : s.log.values()) {
                    if (!record.entry.updatedAt().isBefore(cutoff)) {
                        break;
                    }
                    last = record.entry.seq().value();
                }
                return Seq.of(last);
            }
        }).orElse(Seq.ZERO);
    }

    /** Raises the log floor to {@code floor} capped at the head; never lowers it. */
    public void pruneLog(VaultId vault, Seq floor) {
        state(vault).ifPresent(s -> {
            synchronized (s) {
                Seq capped = floor.compareTo(s.meta.seq()) > 0 ? s.meta.seq() : floor;
                if (capped.compareTo(s.meta.logFloor()) > 0) {
                    raiseLogFloor(vault, capped);
                }
            }
        });
    }

    /** Every history record of the vault. */
    public List<ManifestEntry> historyRecords(VaultId vault) {
        return state(vault).map(s -> {
            synchronized (s) {
                List<ManifestEntry> out = new ArrayList<>();
                s.history.values().forEach(versions -> out.addAll(versions.values()));
                return out;
            }
        }).orElse(List.of());
    }

    /** Deletes these history records by path and version. */
    public void deleteHistory(VaultId vault, Collection<ManifestEntry> records) {
        state(vault).ifPresent(s -> {
            synchronized (s) {
                for (ManifestEntry record : records) {
                    NavigableMap<Long, ManifestEntry> versions = s.history.get(record.path());
                    if (versions != null) {
                        versions.remove(record.version().value());
                    }
                }
            }
        });
    }

    /** Every current entry of the vault, tombstones included. */
    public List<ManifestEntry> currentEntries(VaultId vault) {
        return state(vault).map(s -> {
            synchronized (s) {
                return List.copyOf(s.files.values());
            }
        }).orElse(List.of());
    }

    @Override
    public Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes) {
        return blobs.recordedBlobs(vault, hashes);
    }

    @Override
    public void recordBlobs(VaultId vault, Map<ContentHash, Long> sizes) {
        blobs.recordBlobs(vault, sizes);
    }

    @Override
    public void forgetBlobs(VaultId vault, Collection<ContentHash> hashes) {
        blobs.forgetBlobs(vault, hashes);
    }

    /** Every blob record of the vault, by hash. */
    public Map<ContentHash, Long> blobRecords(VaultId vault) {
        return blobs.all(vault);
    }

    /** Every vault's full state, for tests that assert a request changed nothing. */
    public Map<String, String> dump() {
        Map<String, String> out = new TreeMap<>();
        vaults.forEach((id, s) -> {
            synchronized (s) {
                Map<String, DeviceRecord> devices = new TreeMap<>();
                s.devices.forEach((device, record) -> devices.put(device.value(), record));
                out.put(id.value(), s.meta + "\n" + devices + "\n" + s.files + "\n" + s.log + "\n"
                        + new TreeMap<>(s.history) + "\n" + blobs.all(id));
            }
        });
        return out;
    }


    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }

    private Optional<VaultState> state(VaultId vault) {
        return Optional.ofNullable(vaults.get(vault));
    }

    private VaultState existing(VaultId vault) {
        VaultState s = vaults.get(vault);
        if (s == null) {
            throw new IllegalStateException("no vault " + vault + " in this store");
        }
        return s;
    }

    /** A change-log record knows the last seq of its commit, so a page can end at a commit boundary. */
    private record LogRecord(ManifestEntry entry, long commitLastSeq) {
    }

    private static final class VaultState {
        private VaultMeta meta;
        private final Map<DeviceId, DeviceRecord> devices = new LinkedHashMap<>();
        private final NavigableMap<VaultPath, ManifestEntry> files = new TreeMap<>();
        private final NavigableMap<Long, LogRecord> log = new TreeMap<>();
        private final Map<VaultPath, NavigableMap<Long, ManifestEntry>> history = new HashMap<>();

        private VaultState(VaultMeta meta) {
            this.meta = meta;
        }
    }
}
