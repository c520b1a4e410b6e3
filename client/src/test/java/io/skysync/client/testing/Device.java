package io.skysync.client.testing;

import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.ApiClient;
import io.skysync.client.remote.HttpRemoteVault;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.Hasher;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.sync.SyncEngine;
import io.skysync.client.sync.SyncOptions;
import io.skysync.client.sync.SyncReport;
import io.skysync.client.transfer.Backoff;
import io.skysync.client.transfer.HttpTransfers;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/** One device in a test: a folder and the real engine over HTTP, with a test's clock and no backoff waits. */
public final class Device {
    private static final OkHttpClient HTTP = new OkHttpClient();
    public final Path root;
    public final String name;
    private final RemoteVault remote;
    private final HttpTransfers transfers;
    private Clock clock = Clock.systemUTC();
    private Hasher hasher = new ParallelHasher(2);

    public Device(Path root, URI endpoint, String vault, String token, String name) {
        this.root = root;
        this.name = name;
        Backoff fast = new Backoff(4, Duration.ofMillis(1), Duration.ofMillis(5), new Random(1), d -> { });
        this.remote = new HttpRemoteVault(new ApiClient(HTTP, endpoint, token, fast), new VaultId(vault));
        this.transfers = new HttpTransfers(HTTP, fast);
    }

    /** This device's view of the vault, for tests that call the API as it does. */
    public RemoteVault remote() {
        return remote;
    }

    public HttpTransfers transfers() {
        return transfers;
    }

    public Device withClock(Clock fixed) {
        this.clock = fixed;
        return this;
    }

    /** Scans with {@code scanHasher} (a test's hook around a real one) instead of two hashing threads. */
    public Device withHasher(Hasher scanHasher) {
        this.hasher = scanHasher;
        return this;
    }

    public SyncOptions options(ConflictPolicy policy) {
        return SyncOptions.twoWay(policy, name);
    }

    public SyncReport sync() {
        return sync(options(ConflictPolicy.KEEP_BOTH));
    }

    public SyncReport sync(SyncOptions options) {
        try (SqliteIndexStore index = SqliteIndexStore.open(root.resolve(".skysync/index.db"))) {
            return new SyncEngine(remote, transfers, index, root, clock, hasher, IgnoreRules.load(root), 4,
                    Progress.NONE).run(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Device write(String rel, String content) {
        return write(rel, content.getBytes(StandardCharsets.UTF_8));
    }

    public Device write(String rel, byte[] content) {
        try {
            Path file = root.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String rel) {
        try {
            return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String rel) {
        return Files.exists(root.resolve(rel));
    }

    public void delete(String rel) {
        try {
            Files.delete(root.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void move(String from, String to) {
        try {
            Path target = root.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(root.resolve(from), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every folder below the root (not .skysync), NFC, sorted: two converged devices have equal ones. */
    public Set<String> folders() {
        return folders(root);
    }

    public static Set<String> folders(Path root) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !p.equals(root) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(d -> {
                String rel = root.relativize(d).toString().replace('\\', '/');
                if (!rel.equals(".skysync") && !rel.startsWith(".skysync/")) {
                    out.add(Normalizer.normalize(rel, Normalizer.Form.NFC));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Device mkdir(String rel) {
        try {
            Files.createDirectories(root.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Deletes a file or a whole folder, as {@code rm -r} does. */
    public void deleteTree(String rel) {
        deleteTree(root.resolve(rel));
    }

    public static void deleteTree(Path top) {
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every synced file, NFC path to SHA-256: two converged devices have equal trees. */
    public Map<String, String> tree() {
        return tree(root);
    }

    public static Map<String, String> tree(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith(".skysync/")) {
                    return;
                }
                try {
                    out.put(Normalizer.normalize(rel, Normalizer.Form.NFC), ContentHash.ofBytes(Files.readAllBytes(f)).hex());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
