package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Folder;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Tiny named fixtures for the plan's table tests, in the notation of docs/reconcile.md: contents
 * are letters ({@code a}, {@code b}, {@code c}, {@code x}, {@code y}), {@code a@3} is content a at
 * version 3, {@code deleted@5} a tombstone, {@code absent} nothing.
 */
final class PlanFixtures {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final long LOCAL_MTIME = 2_000_000L;
    static final long REMOTE_MTIME = 1_000_000L;

    private PlanFixtures() {
    }

    /** The content of a letter; {@code dir} is a folder. */
    static ContentHash hash(String letter) {
        return letter.equals("dir") ? Folder.MARK : ContentHash.ofBytes(letter.getBytes(StandardCharsets.UTF_8));
    }

    static String letter(ContentHash hash) {
        if (Folder.is(hash)) {
            return "dir";
        }
        for (String l : List.of("a", "b", "c", "x", "y", "z")) {
            if (hash(l).equals(hash)) {
                return l;
            }
        }
        return hash.shortHex();
    }

    /** A remote state: "absent", "a@3", "deleted@5". */
    static RemoteFile remote(String cell) {
        if (cell.equals("absent")) {
            return RemoteFile.ABSENT;
        }
        String[] parts = cell.split("@");
        FileVersion version = FileVersion.of(Long.parseLong(parts[1]));
        return parts[0].equals("deleted") ? RemoteFile.tombstone(version)
                : RemoteFile.live(version, hash(parts[0]), size(parts[0]), REMOTE_MTIME);
    }

    private static long size(String letter) {
        return letter.equals("dir") ? 0 : 1;
    }

    static Snapshot snapshot(String cell) {
        return remote(cell).snapshot();
    }

    /** A local file named like its path, with a letter's content; null for "absent". */
    static LocalFile local(VaultPath path, String cell, long mtimeMillis) {
        return cell.equals("absent") ? null
                : new LocalFile(path, path.value(), size(cell), mtimeMillis * 1_000_000L, "(ino=" + path.value().hashCode() + ")",
                hash(cell));
    }

    /** The index row of a path synced at {@code ancestor} (also the last remote state it saw), its local file as scanned. */
    static IndexRow row(VaultPath path, String ancestor, LocalFile local) {
        IndexRow row = IndexRow.empty(path).syncedTo(remote(ancestor));
        return local == null ? row : row.withLocal(local.localName(), new LocalStat(local.size(), local.mtimeNanos(),
                local.fileKey(), snapshot(ancestor).exists() ? snapshot(ancestor).content() : local.hash()));
    }

    static ManifestEntry entry(VaultPath path, String cell) {
        String[] parts = cell.split("@");
        FileVersion version = FileVersion.of(Long.parseLong(parts[1]));
        return parts[0].equals("deleted")
                ? ManifestEntry.tombstone(path, version, new DeviceId("other"), Seq.of(version.value()), NOW)
                : ManifestEntry.live(path, version, hash(parts[0]), size(parts[0]), REMOTE_MTIME, new DeviceId("other"),
                Seq.of(version.value()), NOW);
    }

    /** A view of one path's remote state; "absent" is said by a complete listing that does not name it. */
    static RemoteView view(VaultPath path, String remote, String history) {
        boolean absent = remote.equals("absent");
        Map<VaultPath, RemoteFile> entries = absent ? Map.of() : Map.of(path, remote(remote));
        Map<VaultPath, List<ManifestEntry>> histories = history.equals("-") ? Map.of()
                : Map.of(path, List.of(entry(path, history)));
        return new RemoteView(entries, absent, 9, histories, Map.of(), List.of(), List.of(), 1);
    }

    static String describe(Step step) {
        if (step == null) {
            return "-";
        }
        if (step instanceof Step.Commit c) {
            return "Commit(" + c.base() + ", " + (c.deletion() ? "deleted" : letter(c.local().hash())) + ")";
        } else if (step instanceof Step.Fetch f) {
            return "Fetch(" + f.remote().version() + ", " + letter(f.remote().hash()) + ")";
        } else if (step instanceof Step.RemoveLocal r) {
            return "RemoveLocal(" + r.remote().version() + ")";
        } else if (step instanceof Step.Touch t) {
            return "Touch(" + t.remote().version() + ")";
        } else if (step instanceof Step.Adopt a) {
            return "Adopt(" + a.remote().version() + ")";
        } else if (step instanceof Step.KeepBoth k) {
            return "KeepBoth(" + k.copy() + ")";
        } else if (step instanceof Step.Hold h) {
            return "Hold(" + h.why() + ")";
        }
        return "Fail(" + ((Step.Fail) step).reason() + ")";
    }
}
