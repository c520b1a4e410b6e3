package io.skysync.testing;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.LostBlob;
import io.skysync.service.RepairStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link RepairStore} in memory, atomic under one monitor; passes {@link RepairStoreContract}. */
public final class InMemoryRepairStore implements RepairStore {
    private final Map<String, Long> counters = new HashMap<>();
    private final Map<String, Instant> claims = new HashMap<>();
    private final Map<String, LostBlob> lost = new HashMap<>();

    @Override
    public synchronized long countVerification(VaultId vault, long window, Instant expiresAt) {
        return counters.merge(vault.value() + "/" + window, 1L, Long::sum);
    }

    @Override
    public synchronized boolean claimVerification(VaultId vault, ContentHash hash, Instant now, Instant notBefore) {
        Instant last = claims.get(key(vault, hash));
        if (last != null && last.isAfter(notBefore)) {
            return false;
        }
        claims.put(key(vault, hash), now);
        return true;
    }

    @Override
    public synchronized boolean markLost(VaultId vault, LostBlob record) {
        return lost.putIfAbsent(key(vault, record.hash()), record) == null;
    }

    @Override
    public synchronized List<LostBlob> lost(VaultId vault, int limit) {
        String prefix = vault.value() + "/";
        return lost.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean clearLost(VaultId vault, LostBlob expected) {
        return lost.remove(key(vault, expected.hash()), expected);
    }

    private static String key(VaultId vault, ContentHash hash) {
        return vault.value() + "/" + hash.hex();
    }
}
