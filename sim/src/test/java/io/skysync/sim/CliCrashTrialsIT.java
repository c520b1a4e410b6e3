package io.skysync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.ApiClient;
import io.skysync.client.remote.HttpRemoteVault;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.sync.SyncEngine;
import io.skysync.client.sync.SyncOptions;
import io.skysync.client.sync.SyncReport;
import io.skysync.client.transfer.Backoff;
import io.skysync.client.transfer.HttpTransfers;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import io.skysync.spi.LocalBackend;
import io.skysync.testing.VaultSetup;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash trials of the real CLI: one long-lived local backend; then, 25 times (100 in the long form),
 * both folders change (uploads and downloads to do), the real {@code skysync sync} runs as its own
 * process and is killed with {@code kill -9} at a random moment. After each kill: no partial file
 * in the root (skysync's temp files may stay, under their documented name only); the next sync
 * (in-process, the same engine and SQLite index) removes them and converges; no content is lost.
 * {@code -Dsim.crashTrials=N} sets how many (default 25); the seed is fixed unless asked
 * ({@code -Dsim.seed=N} or {@code -Dsim.seed=random}) and printed.
 */
class CliCrashTrialsIT {
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final int FILES = 250;
    /** A few minutes on CI; the long form is {@code -Dsim.crashTrials=100} (docs/reliability.md). */
    private static final int DEFAULT_TRIALS = 25;
    private static final long DEFAULT_SEED = 20_261_201L;
    @TempDir
    static Path temp;
    private static LocalBackend backend;

    @BeforeAll
    static void start() {
        backend = LocalBackend.provider("aws").start(temp.resolve("backend"), 0);
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void killedCliSyncs_leaveNoPartialFile_andTheNextSyncConvergesWithNothingLost() throws Exception {
        int trials = Integer.getInteger("sim.crashTrials", DEFAULT_TRIALS);
        long seed = seed();
        System.out.println("crash trials: seed " + seed + " (replay: -Dsim.seed=" + seed + ")");
        Random random = new Random(seed);
        VaultId vault = new VaultId("crash" + seed);
        VaultSetup setup = VaultSetup.overHttp(backend.endpoint());
        String tokenA = setup.createVault(backend.bootstrapSecret(), vault.value(), "cli");
        String tokenB = setup.addDevice(backend.bootstrapSecret(), vault.value(), "peer", "member");
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        writeConfig(a, vault);
        Folder cli = new Folder(a, vault, tokenA, "cli");
        Folder peer = new Folder(b, vault, tokenB, "peer");
        Set<String> written = new HashSet<>();
        written.add(ContentHash.EMPTY.hex());
        for (int i = 0; i < FILES; i++) {
            write(a, "d" + (i % 12) + "/f" + i + ".txt", random, written);
        }
        long typicalRun = timeCli(a, tokenA);
        peer.settleWith(cli);
        Set<String> settled = new HashSet<>(serverTree(cli.remote).values());

        int killed = 0;
        int tempsLeft = 0;
        for (int trial = 0; trial < trials; trial++) {
            mutate(a, b, random, written);
            peer.sync();
            Map<String, String> before = new TreeMap<>();
            tree(a).forEach((path, hash) -> before.put("a:" + path, hash));
            tree(b).forEach((path, hash) -> before.put("b:" + path, hash));

            long t0 = System.nanoTime();
            Process process = cli(a, tokenA);
            // The first trial runs to the end and tells how long a run takes; later ones die anywhere in it.
            long delay = trial == 0 ? 120_000 : (long) (typicalRun * (0.3 + random.nextDouble() * 0.75));
            if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                killed++;
            } else {
                long took = (System.nanoTime() - t0) / 1_000_000;
                typicalRun = trial == 0 ? took : (typicalRun + took) / 2;
            }
            process.waitFor(30, TimeUnit.SECONDS);
            long t1 = System.nanoTime();

            for (Map.Entry<String, String> file : tree(a).entrySet()) {
                assertThat(written).as("trial %d: %s is a whole file someone wrote, never a partial one", trial, file.getKey())
                        .contains(file.getValue());
            }
            tempsLeft += temps(a).size();
            cli.settleWith(peer);
            assertThat(temps(a)).as("trial %d: the next sync removes the temp files", trial).isEmpty();
            Map<String, String> server = serverTree(cli.remote);
            assertThat(tree(a)).as("trial %d: converged", trial).isEqualTo(server);
            assertThat(tree(b)).as("trial %d: converged", trial).isEqualTo(server);
            Set<String> folders = serverFolders(cli.remote);
            assertThat(UserActions.folderSet(a)).as("trial %d: folders converged", trial).isEqualTo(folders);
            assertThat(UserActions.folderSet(b)).as("trial %d: folders converged", trial).isEqualTo(folders);
            if (trial < 3) {
                System.out.println("trial " + trial + ": cli " + (t1 - t0) / 1_000_000 + " ms, settle "
                        + (System.nanoTime() - t1) / 1_000_000 + " ms, typical run " + typicalRun + " ms");
            }
            // Every content either side had is current now, or was current at the end of an earlier trial (the
            // server keeps every version: it is in its path's history). Checked against the history where neither.
            Set<String> current = new HashSet<>(server.values());
            for (Map.Entry<String, String> file : before.entrySet()) {
                String path = file.getKey().substring(2);
                if (!current.contains(file.getValue()) && !settled.contains(file.getValue())
                        && !history(cli.remote, path).contains(file.getValue())) {
                    throw new AssertionError("trial " + trial + ": the content of " + file.getKey() + " is lost; the server has "
                            + server.get(path) + ", history " + history(cli.remote, path));
                }
            }
            settled.addAll(current);
        }
        // How many runs died depends on the machine's speed, so it is reported, not asserted.
        System.out.println("crash trials: " + trials + " trials, " + killed + " killed mid-sync with kill -9, "
                + tempsLeft + " temp files left by killed runs (all removed by the next sync), 0 violations");
    }

    /** {@code -Dsim.seed=N} replays a run, {@code -Dsim.seed=random} asks for a fresh one; else the fixed default. */
    private static long seed() {
        String asked = System.getProperty("sim.seed", "");
        if (asked.isBlank()) {
            return DEFAULT_SEED;
        }
        return asked.strip().equals("random") ? System.nanoTime() % 100_000 : Long.parseLong(asked.strip());
    }

    /** Edits, creations and deletions on both sides, a few of them on the same file (conflicts). */
    private static void mutate(Path a, Path b, Random random, Set<String> written) throws IOException {
        List<String> names = new ArrayList<>(tree(a).keySet());
        for (int i = 0; i < 8; i++) {
            write(a, names.get(random.nextInt(names.size())), random, written);
            write(b, names.get(random.nextInt(names.size())), random, written);
        }
        for (int i = 0; i < 4; i++) {
            write(a, "new/a" + random.nextInt(1_000_000) + ".txt", random, written);
            write(b, "new/b" + random.nextInt(1_000_000) + ".txt", random, written);
        }
        for (int i = 0; i < 2; i++) {
            Files.deleteIfExists(a.resolve(names.get(random.nextInt(names.size()))));
        }
    }

    private static void write(Path root, String rel, Random random, Set<String> written) throws IOException {
        byte[] bytes = new byte[random.nextInt(20) == 0 ? 150_000 + random.nextInt(100_000) : 1 + random.nextInt(12_000)];
        random.nextBytes(bytes);
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        // As a user's files are: written a while before the sync (the racy window is not what this trial is about).
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
        written.add(ContentHash.ofBytes(bytes).hex());
    }

    private static long timeCli(Path a, String token) throws Exception {
        long started = System.nanoTime();
        Process process = cli(a, token);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the first full CLI sync succeeds: %s", Files.readString(temp.resolve("cli.log")))
                .isZero();
        return Math.max(500, (System.nanoTime() - started) / 1_000_000);
    }

    private static Process cli(Path folder, String token) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The first run dumps the classes it loaded (AppCDS); later runs map them and start in about half the time.
        Path archive = temp.resolve("cli.jsa");
        String cds = Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archive;
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", cds,
                "-cp", cliClassPath(), "io.skysync.client.Main", "sync", "-q", folder.toString());
        builder.environment().put("SKYSYNC_TOKEN", token);
        builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", temp.resolve("data").toString());
        builder.redirectErrorStream(true).redirectOutput(temp.resolve("cli.log").toFile());
        return builder.start();
    }

    /**
     * The client's jars from this test's class path (the launcher's fat jar holds the same): no
     * emulator, and no folder, which class data sharing refuses.
     */
    private static String cliClassPath() {
        List<String> wanted = List.of("client-", "shared-", "okhttp", "okio", "kotlin", "picocli", "progressbar", "jline",
                "sqlite-jdbc", "jackson");
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")
                        && wanted.stream().anyMatch(Path.of(entry).getFileName().toString()::startsWith))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void writeConfig(Path root, VaultId vault) throws IOException {
        Files.createDirectories(root.resolve(".skysync"));
        Files.writeString(root.resolve(".skysync/config.toml"), "endpoint = '" + backend.endpoint() + "'\nvault = '"
                + vault.value() + "'\ndevice = 'cli'\non_conflict = 'keep-both'\nmax_delete_percent = 100\n");
    }

    /** A folder synced in this JVM by the same engine, SQLite index and HTTP transfers as the CLI. */
    private static final class Folder {
        final Path root;
        final RemoteVault remote;
        final HttpTransfers transfers;
        final String name;

        Folder(Path root, VaultId vault, String token, String name) {
            this.root = root;
            Backoff backoff = new Backoff(5, Duration.ofMillis(50), Duration.ofSeconds(1), new Random(1),
                    d -> Thread.sleep(d.toMillis()));
            this.remote = new HttpRemoteVault(new ApiClient(HTTP, backend.endpoint(), token, backoff), vault);
            this.transfers = new HttpTransfers(HTTP, backoff);
            this.name = name;
        }

        SyncReport sync() throws IOException {
            try (SqliteIndexStore index = SqliteIndexStore.open(root.resolve(".skysync/index.db"))) {
                SyncReport report = new SyncEngine(remote, transfers, index, root, Clock.systemUTC(), new ParallelHasher(2),
                        IgnoreRules.none(), 4, Progress.NONE)
                        .run(SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, name).withMassDelete(100, true));
                assertThat(report.failures()).as(name + " syncs without failures").isEmpty();
                return report;
            }
        }

        /** This folder, then the other, until both hold exactly the server's files (at most 4 rounds). */
        void settleWith(Folder other) throws IOException {
            for (int round = 0; round < 4; round++) {
                sync();
                other.sync();
                Map<String, String> server = serverTree(remote);
                if (tree(root).equals(server) && tree(other.root).equals(server)) {
                    return;
                }
            }
            throw new AssertionError("no convergence after 4 rounds");
        }
    }

    private static Map<String, String> serverTree(RemoteVault remote) {
        Map<String, String> out = new TreeMap<>();
        // Files only, as tree() lists them: a folder's entry has no content to compare.
        serverEntries(remote).stream().filter(e -> !e.deleted() && !e.isFolder()).forEach(e -> out.put(e.path(), e.hash()));
        return out;
    }

    private static Set<String> serverFolders(RemoteVault remote) {
        Set<String> out = new TreeSet<>();
        serverEntries(remote).stream().filter(EntryDto::isFolder).forEach(e -> out.add(e.path()));
        return out;
    }

    private static List<EntryDto> serverEntries(RemoteVault remote) {
        List<EntryDto> out = new ArrayList<>();
        String after = null;
        do {
            FilesResponse page = remote.files(after, 1000);
            out.addAll(page.entries());
            after = page.next();
        } while (after != null);
        return out;
    }

    private static Set<String> history(RemoteVault remote, String path) {
        Set<String> out = new HashSet<>();
        remote.history(VaultPath.of(path), 1000).versions().forEach(v -> {
            if (v.hash() != null) {
                out.add(v.hash());
            }
        });
        return out;
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : UserActions.files(root).entrySet()) {
            out.put(e.getKey(), UserActions.hash(root.resolve(e.getValue())));
        }
        return out;
    }

    private static List<String> temps(Path root) throws IOException {
        return UserActions.allFiles(root).stream().filter(IgnoreRules::isInternal).toList();
    }
}
