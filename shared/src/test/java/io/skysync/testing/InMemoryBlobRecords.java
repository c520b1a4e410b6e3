package io.skysync.testing;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobRecords;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@link BlobRecords} in memory, for {@link InMemoryManifestStore}; passes {@link BlobRecordsContract}. */
public final class InMemoryBlobRecords implements BlobRecords {
    private final Map<VaultId, Map<ContentHash, Long>> records = new HashMap<>();

    @Override
    public synchronized Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes) {
        Map<ContentHash, Long> vaultRecords = records.getOrDefault(vault, Map.of());
        Map<ContentHash, Long> out = new HashMap<>();
        for (ContentHash hash : hashes) {
            Long size = vaultRecords.get(hash);
            if (size != null) {
                out.put(hash, size);
            }
        }
        return out;
    }

    @Override
    public synchronized void recordBlobs(VaultId vault, Map<ContentHash, Long> sizes) {
        records.computeIfAbsent(vault, v -> new HashMap<>()).putAll(sizes);
    }

    @Override
    public synchronized void forgetBlobs(VaultId vault, Collection<ContentHash> hashes) {
        Map<ContentHash, Long> vaultRecords = records.get(vault);
        if (vaultRecords != null) {
            hashes.forEach(vaultRecords::remove);
        }
    }

    /** Every record of the vault, by hash. */
    public synchronized Map<ContentHash, Long> all(VaultId vault) {
        Map<ContentHash, Long> out = new TreeMap<>(Comparator.comparing(ContentHash::hex));
        out.putAll(records.getOrDefault(vault, Map.of()));
        return out;
    }
}
