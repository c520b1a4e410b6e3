package io.skysync.client.testing;

import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.sync.SyncEngine;
import io.skysync.client.sync.SyncOptions;
import io.skysync.client.sync.SyncReport;
import io.skysync.client.transfer.Transfers;
import io.skysync.domain.ContentHash;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real engine on one real folder (with its real SQLite index) against any {@link RemoteVault}
 * and {@link Transfers}: for the engine's unit tests with a {@link ScriptedVault} and
 * {@link MemoryTransfers}. The clock is fixed, so conflict copy names are known.
 */
public final class EngineRig {
    public static final Instant NOW = Instant.parse("2026-05-04T03:02:01Z");
    public final Path root;
    public final RemoteVault remote;
    public final Transfers transfers;
    private final AtomicLong writes = new AtomicLong();

    public EngineRig(Path root, RemoteVault remote, Transfers transfers) {
        this.root = root;
        this.remote = remote;
        this.transfers = transfers;
    }

    public static SyncOptions options() {
        return SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "rig");
    }

    public SyncReport sync() {
        return sync(options());
    }

    public SyncReport sync(SyncOptions options) {
        try (SqliteIndexStore index = SqliteIndexStore.open(root.resolve(".skysync/index.db"))) {
            return new SyncEngine(remote, transfers, index, root, Clock.fixed(NOW, ZoneOffset.UTC), new ParallelHasher(1),
                    IgnoreRules.none(), 2, Progress.NONE).run(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file as a user would have, minutes before the sync (so its hash is cached next time); each write its own time. */
    public ContentHash write(String rel, String content) {
        try {
            Path file = root.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(600).plusMillis(writes.incrementAndGet())));
            return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String rel) {
        return Files.exists(root.resolve(rel));
    }

    public String read(String rel) {
        try {
            return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> tree() {
        return Device.tree(root);
    }
}
