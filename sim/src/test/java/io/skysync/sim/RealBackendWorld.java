package io.skysync.sim;

import io.skysync.api.EntryDto;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.remote.ApiClient;
import io.skysync.client.remote.HttpRemoteVault;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.transfer.Backoff;
import io.skysync.client.transfer.HttpTransfers;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.spi.LocalBackend;
import io.skysync.testing.MutableClock;
import io.skysync.testing.VaultSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * A history against the real local backend (the Lambda handler over DynamoDB Local and S3Proxy,
 * on loopback): a vault of its own, real temp folders, the real {@code SqliteIndexStore} opened
 * for each sync as the CLI does, and {@code HttpTransfers} over real sockets. Faults are injected
 * on the wire (the same interceptor, passing requests on); slow transfers and the clean-up race
 * need virtual time and an in-process clean-up, so they run in the in-memory histories only.
 */
final class RealBackendWorld implements World {
    private static final OkHttpClient BASE = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private static final String CANARY = "must stay as it is";
    private final MutableClock clock = new MutableClock(MemoryWorld.T0);
    private final FaultPlan faults;
    private final Path home;
    private final List<SimDevice> devices = new ArrayList<>();
    private final RemoteVault observer;
    /** Shrinking replays a seed many times: each replay gets a vault and folders of its own. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    RealBackendWorld(LocalBackend backend, Path base, long seed, int deviceCount, FaultCounts counts) {
        Set<FaultKind> kinds = EnumSet.allOf(FaultKind.class);
        kinds.remove(FaultKind.SLOW_TRANSFER);
        kinds.remove(FaultKind.RETENTION_RACE);
        kinds.remove(FaultKind.REVOKED);
        this.faults = new FaultPlan(new Random(seed * 0x9E3779B97F4A7C15L + 17), counts, kinds, 1.0);
        String name = "h" + seed + "-" + RUNS.incrementAndGet();
        VaultId vault = new VaultId(name);
        try {
            home = Files.createDirectories(base.resolve(name));
            Files.createDirectories(home.resolve("outside"));
            Files.writeString(home.resolve("outside/canary.txt"), CANARY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> tokens = enrol(backend, vault, deviceCount);
        Clock engineClock = new Clock() {
            @Override
            public Instant instant() {
                // Real time (the file system stamps real times) plus the history's virtual ticks.
                return Instant.now().plus(Duration.between(MemoryWorld.T0, clock.instant()));
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        Server server = new ChainServer();
        for (int i = 0; i < deviceCount; i++) {
            Path root = home.resolve("dev" + i);
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path db = root.resolve(".skysync/index.db");
            FaultInterceptor network = new FaultInterceptor(server, faults, null, null, null, () -> syncedIn(db));
            OkHttpClient http = BASE.newBuilder().addInterceptor(network).build();
            Backoff backoff = new Backoff(4, Duration.ofMillis(200), Duration.ofSeconds(2), new Random(seed + i), clock::advance);
            ApiClient api = new ApiClient(http, backend.endpoint(), tokens.get(i), backoff);
            devices.add(new SimDevice(i, root, () -> SqliteIndexStore.open(db), () -> deleteIndex(db), new HttpRemoteVault(api, vault),
                    new HttpTransfers(http, backoff), network, faults, engineClock));
        }
        Backoff patient = new Backoff(6, Duration.ofMillis(50), Duration.ofSeconds(1), new Random(seed), d -> Thread.sleep(d.toMillis()));
        observer = new HttpRemoteVault(new ApiClient(BASE, backend.endpoint(), tokens.get(0), patient), vault);
    }

    /** The paths the device has synced, as its last index transaction left them. */
    private static Set<String> syncedIn(Path db) {
        if (!Files.exists(db)) {
            return Set.of();
        }
        try (SqliteIndexStore index = SqliteIndexStore.open(db)) {
            Set<String> out = new HashSet<>();
            index.load().values().stream().filter(r -> r.synced().exists()).forEach(r -> out.add(r.path().value()));
            return out;
        }
    }

    /** The index file and its journal are gone, as after {@code rm -r .skysync/index.db*}. */
    private static void deleteIndex(Path db) {
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> enrol(LocalBackend backend, VaultId vault, int count) {
        VaultSetup setup = VaultSetup.overHttp(backend.endpoint());
        List<String> tokens = new ArrayList<>();
        tokens.add(setup.createVault(backend.bootstrapSecret(), vault.value(), "dev0"));
        for (int i = 1; i < count; i++) {
            tokens.add(setup.addDevice(backend.bootstrapSecret(), vault.value(), "dev" + i, "member"));
        }
        return tokens;
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
        String after = null;
        do {
            FilesResponse page = observer.files(after, 1000);
            for (EntryDto e : page.entries()) {
                if (!e.deleted() && e.hash() != null) {
                    out.put(e.path(), e.hash());
                }
            }
            after = page.next();
        } while (after != null);
        return out;
    }

    @Override
    public Map<String, Long> serverTimes() {
        Map<String, Long> out = new TreeMap<>();
        String after = null;
        do {
            FilesResponse page = observer.files(after, 1000);
            page.entries().stream().filter(e -> !e.deleted() && !e.isFolder()).forEach(e -> out.put(e.path(), e.mtime()));
            after = page.next();
        } while (after != null);
        return out;
    }

    @Override
    public Set<String> serverFolders() {
        Set<String> out = new TreeSet<>();
        String after = null;
        do {
            FilesResponse page = observer.files(after, 1000);
            page.entries().stream().filter(EntryDto::isFolder).forEach(e -> out.add(e.path()));
            after = page.next();
        } while (after != null);
        return out;
    }

    @Override
    public Set<String> serverHistory(String path) {
        Set<String> out = new HashSet<>();
        try {
            observer.history(VaultPath.of(path), 1000).versions().stream()
                    .filter(v -> !v.deleted() && v.hash() != null).forEach(v -> out.add(v.hash()));
        } catch (SkysyncException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        return out;
    }

    @Override
    public void idle(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public String outsideRoot(int id) {
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String rel = UserActions.relative(home, p);
                if (rel.isEmpty() || rel.equals("outside") || rel.matches("dev\\d+(/.*)?")) {
                    continue;
                }
                if (rel.equals("outside/canary.txt") && Files.readString(p).equals(CANARY)) {
                    continue;
                }
                return "found " + rel + " outside the sync roots";
            }
        } catch (IOException e) {
            return "cannot walk the folders: " + e;
        }
        return null;
    }

    @Override
    public void close() {
        // The temp folders go with the test's @TempDir; the vault stays in the shared backend.
    }
}
