package io.skysync.testing;

import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobMark;
import io.skysync.service.RetentionStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link RetentionStore} over an {@link InMemoryManifestStore}, with the blob marks in memory;
 * passes {@link RetentionStoreContract}. Mark operations are atomic under one monitor.
 */
public final class InMemoryRetentionStore implements RetentionStore {
    private final InMemoryManifestStore manifest;
    private final Map<String, BlobMark> marks = new HashMap<>();
    private final Map<VaultId, Lease> leases = new HashMap<>();

    public InMemoryRetentionStore(InMemoryManifestStore manifest) {
        this.manifest = manifest;
    }

    @Override
    public List<VaultId> vaults() {
        return manifest.vaultIds();
    }

    @Override
    public Seq lastLogSeqBefore(VaultId vault, Instant cutoff) {
        return manifest.lastLogSeqBefore(vault, cutoff);
    }

    @Override
    public void pruneLog(VaultId vault, Seq floor) {
        manifest.pruneLog(vault, floor);
    }

    @Override
    public Stream<ManifestEntry> historyRecords(VaultId vault) {
        return manifest.historyRecords(vault).stream();
    }

    @Override
    public void deleteHistory(VaultId vault, Collection<ManifestEntry> records) {
        manifest.deleteHistory(vault, records);
    }

    @Override
    public Set<ContentHash> referencedHashes(VaultId vault) {
        Set<ContentHash> out = new HashSet<>();
        Stream.concat(manifest.currentEntries(vault).stream(), manifest.historyRecords(vault).stream())
                .filter(e -> !e.deleted() && e.recipe() == null).forEach(e -> out.add(e.hash()));
        return out;
    }

    @Override
    public Set<ContentHash> referencedRecipes(VaultId vault) {
        Set<ContentHash> out = new HashSet<>();
        Stream.concat(manifest.currentEntries(vault).stream(), manifest.historyRecords(vault).stream())
                .filter(e -> e.recipe() != null).forEach(e -> out.add(e.recipe()));
        return out;
    }

    @Override
    public synchronized Map<ContentHash, BlobMark> marks(VaultId vault, Collection<ContentHash> hashes) {
        Map<ContentHash, BlobMark> out = new HashMap<>();
        for (ContentHash hash : hashes) {
            BlobMark mark = marks.get(key(vault, hash));
            if (mark != null) {
                out.put(hash, mark);
            }
        }
        return out;
    }

    @Override
    public synchronized List<BlobMark> marks(VaultId vault) {
        String prefix = vault.value() + "/";
        return marks.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    }

    @Override
    public synchronized boolean mark(VaultId vault, ContentHash hash, Instant at) {
        return marks.putIfAbsent(key(vault, hash), new BlobMark(hash, at, false)) == null;
    }

    @Override
    public synchronized boolean doom(VaultId vault, BlobMark marked) {
        return !marked.doomed() && marks.replace(key(vault, marked.hash()), marked, marked.asDoomed());
    }

    @Override
    public synchronized boolean remove(VaultId vault, BlobMark expected) {
        return marks.remove(key(vault, expected.hash()), expected);
    }

    @Override
    public synchronized boolean holdLease(VaultId vault, String owner, Instant now, Instant until) {
        Lease held = leases.get(vault);
        if (held != null && !held.owner().equals(owner) && held.until().isAfter(now)) {
            return false;
        }
        leases.put(vault, new Lease(owner, until));
        return true;
    }

    @Override
    public synchronized void releaseLease(VaultId vault, String owner) {
        Lease held = leases.get(vault);
        if (held != null && held.owner().equals(owner)) {
            leases.remove(vault);
        }
    }

    private record Lease(String owner, Instant until) {
    }

    private static String key(VaultId vault, ContentHash hash) {
        return vault.value() + "/" + hash.hex();
    }
}
