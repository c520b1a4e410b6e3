package io.skysync.sim;

import io.skysync.client.remote.RemoteVault;
import io.skysync.client.remote.VaultDevices;
import io.skysync.domain.DeviceId;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.service.SyncService;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.VaultSetup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code REVOKED} fault: an admin revokes a device in the middle of its sync. Its token must
 * not write anything from then on (checked against every entry the manifest ever kept); after the
 * sync the device joins again with a new token, as a user would with {@code skysync join}.
 */
final class Revocations {
    private final SyncService service;
    private final VaultSetup setup;
    private final InMemoryManifestStore memory;
    private final VaultId vault;
    private final String adminBearer;
    private final String secret;
    private final Map<Integer, String> tokens = new HashMap<>();
    private final Set<Integer> pending = new HashSet<>();
    private final Map<String, Long> revokedAtSeq = new HashMap<>();

    Revocations(SyncService service, VaultSetup setup, InMemoryManifestStore memory, VaultId vault, String adminToken,
                String secret) {
        this.service = service;
        this.setup = setup;
        this.memory = memory;
        this.vault = vault;
        this.adminBearer = "Bearer " + adminToken;
        this.secret = secret;
    }

    /** What revokes device {@code id} (whose token is {@code token} until it joins again). */
    Runnable revoker(int id, String token) {
        tokens.put(id, token);
        return () -> {
            String device = VaultDevices.deviceIdOf(tokens.get(id));
            service.revokeDevice(vault, adminBearer, new DeviceId(device));
            revokedAtSeq.put(device, memory.vault(vault).orElseThrow().seq().value());
            pending.add(id);
        };
    }

    /** After a sync: a revoked device joins again; answers a violation if a revoked token ever wrote. */
    String afterSync(SimDevice device, Function<String, RemoteVault> remoteFor) {
        if (pending.remove(device.id)) {
            String token = setup.addDevice(secret, vault.value(), device.name, "member");
            tokens.put(device.id, token);
            device.rejoined(remoteFor.apply(token));
        }
        List<ManifestEntry> all = Stream.concat(memory.currentEntries(vault).stream(),
                memory.historyRecords(vault).stream()).toList();
        for (ManifestEntry entry : all) {
            Long revoked = revokedAtSeq.get(entry.device().value());
            if (revoked != null && entry.seq().value() > revoked) {
                return "a revoked token wrote " + entry.path() + " at seq " + entry.seq() + " (revoked at seq " + revoked + ")";
            }
        }
        return null;
    }
}
