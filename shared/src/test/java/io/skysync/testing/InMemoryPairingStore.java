package io.skysync.testing;

import io.skysync.domain.VaultId;
import io.skysync.service.PairingCode;
import io.skysync.service.PairingStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PairingStore} in memory, for tests; passes {@link PairingStoreContract}. Thread-safe. */
public final class InMemoryPairingStore implements PairingStore {
    private final Map<String, PairingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Long> attempts = new ConcurrentHashMap<>();

    @Override
    public boolean put(PairingCode code) {
        return codes.putIfAbsent(key(code.vault(), code.codeHash()), code) == null;
    }

    @Override
    public Optional<PairingCode> take(VaultId vault, String codeHash, Instant now) {
        String key = key(vault, codeHash);
        PairingCode code = codes.get(key);
        if (code == null || !now.isBefore(code.expiresAt())) {
            return Optional.empty();
        }
        return codes.remove(key, code) ? Optional.of(code) : Optional.empty();
    }

    @Override
    public long countAttempt(VaultId vault, long window, Instant expiresAt) {
        return attempts.merge(vault.value() + "/" + window, 1L, Long::sum);
    }

    /** How many codes are stored (expired ones included), for tests that check a refusal wrote nothing. */
    public int codeCount() {
        return codes.size();
    }

    private static String key(VaultId vault, String codeHash) {
        return vault.value() + "/" + codeHash;
    }
}
