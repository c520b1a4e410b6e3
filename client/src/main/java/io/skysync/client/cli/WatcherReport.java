package io.skysync.client.cli;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.watch.WatchState;
import io.skysync.client.watch.WatchStateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a watcher runs for a folder (the folder lock says so, held by a {@code watch}) and what it
 * last wrote in {@code .skysync/watch.json}: its last sync and its last error. For {@code status}.
 */
final class WatcherReport {
    private final Optional<FolderLock.Holder> holder;
    private final Optional<WatchState> state;

    private WatcherReport(Optional<FolderLock.Holder> holder, Optional<WatchState> state) {
        this.holder = holder;
        this.state = state;
    }

    static WatcherReport of(Path root) throws IOException {
        Path stateDir = ConfigFile.stateDir(root);
        return new WatcherReport(FolderLock.heldBy(stateDir), new WatchStateFile(stateDir).read());
    }

    /** The folder is locked: by a watcher, or by another command. */
    boolean locked() {
        return holder.isPresent();
    }

    boolean running() {
        return holder.map(FolderLock.Holder::watcher).orElse(false);
    }

    Optional<FolderLock.Holder> holder() {
        return holder;
    }

    /** The {@code watcher} object of {@code status --json} (docs/client.md). */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("running", running());
        if (running() && holder.get().pid() > 0) {
            json.put("pid", holder.get().pid());
        }
        state.ifPresent(s -> {
            json.put("state", running() || "stopped".equals(s.state()) ? s.state() : "ended");
            putIfSet(json, "startedAt", s.startedAt());
            putIfSet(json, "lastSyncAt", s.lastSyncAt());
            putIfSet(json, "lastSync", s.lastSync());
            putIfSet(json, "lastErrorAt", s.lastErrorAt());
            putIfSet(json, "lastError", s.lastError());
            json.put("rounds", s.rounds());
            if (!running()) {
                putIfSet(json, "stopReason", s.stopReason());
            }
        });
        return json;
    }

    /** Lines for people. */
    List<String> lines(Instant now) {
        List<String> lines = new ArrayList<>();
        if (running()) {
            long pid = holder.get().pid();
            lines.add("a watcher keeps this folder in sync" + (pid > 0 ? " (pid " + pid + ")" : "")
                    + state.map(s -> ", started " + Times.stamp(s.startedAt()) + " UTC, now " + s.state()).orElse(""));
        } else if (state.isEmpty()) {
            lines.add("no watcher runs for this folder ('skysync watch DIR' starts one)");
        } else {
            WatchState s = state.get();
            lines.add("no watcher runs for this folder; the last one " + ("stopped".equals(s.state())
                    ? "stopped " + Times.ago(s.updatedAt(), now) + (s.stopReason() == null ? "" : ": " + s.stopReason())
                    : "ended without stopping cleanly (killed, or the computer shut down) " + Times.ago(s.updatedAt(), now)));
        }
        state.ifPresent(s -> {
            lines.add("  last sync:  " + (s.lastSyncAt() == null ? "none yet"
                    : Times.ago(s.lastSyncAt(), now) + " (" + s.lastSync() + ")"));
            if (s.lastErrorAt() != null) {
                lines.add("  last error: " + Times.ago(s.lastErrorAt(), now) + ": " + s.lastError());
            }
        });
        return lines;
    }

    private static void putIfSet(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
