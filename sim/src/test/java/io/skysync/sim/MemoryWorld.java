package io.skysync.sim;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.skysync.client.remote.ApiClient;
import io.skysync.client.remote.HttpRemoteVault;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.transfer.Backoff;
import io.skysync.client.transfer.HttpTransfers;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.http.ApiRouter;
import io.skysync.service.MarkedBlobGuard;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.InMemoryRetentionStore;
import io.skysync.testing.MutableClock;
import io.skysync.testing.VaultSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * A history's world in memory: the real {@link SyncService} behind the real {@link ApiRouter} over
 * the shared in-memory stores, with the two-phase blob clean-up wired in; each device on its own
 * in-memory file system (Jimfs) whose file times come from the simulated clock; one clock for all.
 */
final class MemoryWorld implements World {
    static final String SECRET = "sim-bootstrap-secret";
    static final VaultId VAULT = new VaultId("sim");
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    /**
     * Aggressive on purpose: the log is pruned after 6 hours (an offline device meets
     * cursor_expired), unreferenced blobs are marked at once and deleted 30 minutes later. Every
     * version is kept, so "no lost write" can be checked against the history.
     */
    static final RetentionPolicy POLICY = new RetentionPolicy(Duration.ofHours(6), 1_000_000, Duration.ZERO,
            Duration.ofMinutes(30));
    private static final OkHttpClient BASE = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private static final String CANARY = "must stay as it is";

    private final MutableClock clock = new MutableClock(T0);
    private final FaultPlan faults;
    private final InMemoryManifestStore memory = new InMemoryManifestStore();
    private final RetentionJob retention;
    private final List<SimDevice> devices = new ArrayList<>();
    private final List<FileSystem> disks = new ArrayList<>();
    private final List<Function<String, RemoteVault>> remotes = new ArrayList<>();
    private final Revocations revocations;
    private final FaultCounts counts;

    MemoryWorld(long seed, int deviceCount, FaultCounts counts) {
        this.counts = counts;
        this.faults = new FaultPlan(new Random(seed * 0x9E3779B97F4A7C15L + 17), counts, EnumSet.allOf(FaultKind.class), 1.0);
        InMemoryBlobStore blobs = new InMemoryBlobStore(clock, InProcessServer.BLOBS);
        InMemoryRetentionStore marks = new InMemoryRetentionStore(memory);
        SyncService service = new SyncService(memory, blobs, clock, new Tokens(new Random(seed)),
                ServiceConfig.withBootstrapSecret(SECRET), null, new MarkedBlobGuard(marks));
        this.retention = new RetentionJob(memory, marks, blobs, clock, POLICY);
        ApiRouter router = new ApiRouter(service);
        Server server = new InProcessServer(router, blobs);
        VaultSetup setup = VaultSetup.over(router);
        List<String> tokens = new ArrayList<>();
        tokens.add(setup.createVault(SECRET, VAULT.value(), "dev0"));
        for (int i = 1; i < deviceCount; i++) {
            tokens.add(setup.addDevice(SECRET, VAULT.value(), "dev" + i, "member"));
        }
        this.revocations = new Revocations(service, setup, memory, VAULT, tokens.get(0), SECRET);
        Runnable race = () -> {
            retention.run();
            clock.advance(POLICY.markAge().plusMinutes(1));
            retention.run();
        };
        for (int i = 0; i < deviceCount; i++) {
            FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                    .setFileTimeSource(() -> FileTime.from(clock.instant())).build());
            disks.add(fs);
            Path root = fs.getPath("/sync");
            try {
                Files.createDirectories(root);
                Files.createDirectories(fs.getPath("/outside"));
                Files.writeString(fs.getPath("/outside/canary.txt"), CANARY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MemoryIndexStore index = new MemoryIndexStore();
            // The admin (dev0) is never revoked: someone must be left to revoke.
            Runnable revoke = i == 0 ? null : revocations.revoker(i, tokens.get(i));
            FaultInterceptor network = new FaultInterceptor(server, faults, clock, race, revoke, () -> known(index));
            OkHttpClient http = BASE.newBuilder().addInterceptor(network).build();
            Backoff backoff = new Backoff(4, Duration.ofMillis(200), Duration.ofSeconds(2), new Random(seed + i),
                    clock::advance);
            Function<String, RemoteVault> remoteFor = token -> new HttpRemoteVault(
                    new ApiClient(http, URI.create("http://api.sim.invalid"), token, backoff), VAULT);
            remotes.add(remoteFor);
            devices.add(new SimDevice(i, root, () -> index, index::lose, remoteFor.apply(tokens.get(i)),
                    new HttpTransfers(http, backoff), network, faults, clock));
        }
    }

    /** The paths the device has synced (a file it agreed on with the vault), which an incomplete listing leaves out. */
    private static Set<String> known(MemoryIndexStore index) {
        Set<String> out = new HashSet<>();
        index.load().values().stream().filter(r -> r.synced().exists()).forEach(r -> out.add(r.path().value()));
        return out;
    }

    @Override
    public String afterSync(SimDevice device) {
        return revocations.afterSync(device, remotes.get(device.id));
    }

    @Override
    public List<SimDevice> devices() {
        return devices;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public FaultPlan faults() {
        return faults;
    }

    @Override
    public Map<String, String> serverTree() {
        Map<String, String> out = new TreeMap<>();
        for (ManifestEntry e : memory.currentEntries(VAULT)) {
            if (!e.deleted() && !e.folder()) {
                out.put(e.path().value(), e.hash().hex());
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> serverTimes() {
        Map<String, Long> out = new TreeMap<>();
        memory.currentEntries(VAULT).stream().filter(e -> !e.deleted() && !e.folder())
                .forEach(e -> out.put(e.path().value(), e.mtimeMillis()));
        return out;
    }

    @Override
    public Set<String> serverFolders() {
        Set<String> out = new TreeSet<>();
        memory.currentEntries(VAULT).stream().filter(ManifestEntry::folder).forEach(e -> out.add(e.path().value()));
        return out;
    }

    @Override
    public Set<String> serverHistory(String path) {
        Set<String> out = new HashSet<>();
        Stream.concat(memory.currentEntries(VAULT).stream(), memory.historyRecords(VAULT).stream())
                .filter(e -> !e.deleted() && e.path().value().equals(path)).forEach(e -> out.add(e.hash().hex()));
        return out;
    }

    @Override
    public void idle(Duration duration) {
        clock.advance(duration);
        retention.run();
    }

    @Override
    public String outsideRoot(int id) {
        FileSystem fs = disks.get(id);
        try (Stream<Path> all = Files.walk(fs.getPath("/"))) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String s = p.toString();
                boolean allowed = s.equals("/") || s.equals("/work") || s.equals("/outside") || s.equals("/sync")
                        || s.startsWith("/sync/");
                if (!allowed && !(s.equals("/outside/canary.txt") && Files.readString(p).equals(CANARY))) {
                    return "found " + s + " outside the sync root";
                }
            }
        } catch (IOException e) {
            return "cannot walk the disk: " + e;
        }
        return null;
    }

    @Override
    public void close() {
        counts.addChunkedVersions(Stream.concat(memory.currentEntries(VAULT).stream(), memory.historyRecords(VAULT).stream())
                .filter(e -> e.recipe() != null).count());
        for (FileSystem fs : disks) {
            try {
                fs.close();
            } catch (IOException ignored) {
                // In memory: nothing to release but the registry entry.
            }
        }
    }
}
