package io.skysync.sim;

import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.sync.SyncReport;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs one history (a list of {@link Op}s) in a fresh {@link World} and checks the invariants of
 * docs/reliability.md after every step and after quiescence. Returns the first violation, or null.
 *
 * <p>Ground truth is kept here, apart from the engine: every content any user action wrote (a
 * visible file with any other content is a partial file), which contents were on a device's disk
 * when a sync that finished cleanly started (each must be kept by the server: no lost write), and
 * which device changed which path since its last clean sync (a conflict where only one side
 * changed is spurious).
 */
final class HistoryRunner {
    static final int MAX_SETTLE_ROUNDS = 8;
    private final long seed;
    private final Supplier<World> worlds;
    private final List<String> trace = new ArrayList<>();
    private final Set<String> universe = new HashSet<>();
    /** device -> NFC path -> step at which it was last changed locally and not yet cleanly synced. */
    private final List<Map<String, Integer>> dirty = new ArrayList<>();
    /** device -> NFC path -> step of the clean sync that last cleared a local change. */
    private final List<Map<String, Integer>> cleared = new ArrayList<>();
    private final List<Integer> lastCleanStart = new ArrayList<>();
    /** device -> it lost its index since its last clean sync: it cannot know which side changed a path it changed. */
    private final List<Boolean> indexLost = new ArrayList<>();
    private World world;
    private int step;

    HistoryRunner(long seed, Supplier<World> worlds) {
        this.seed = seed;
        this.worlds = worlds;
        universe.add(ContentHash.EMPTY.hex());
    }

    List<String> trace() {
        return trace;
    }

    /** The first invariant violated, or null if the history kept them all. */
    String run(List<Op> ops) {
        world = worlds.get();
        try {
            for (SimDevice d : world.devices()) {
                dirty.add(new HashMap<>());
                cleared.add(new HashMap<>());
                lastCleanStart.add(-1);
                indexLost.add(false);
            }
            UserActions user = new UserActions(seed);
            for (Op op : ops) {
                step = op.index();
                world.clock().advance(Duration.ofMillis(op.tick()));
                String violation = apply(op, user);
                if (violation != null) {
                    return violation;
                }
            }
            return settle();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            world.close();
        }
    }

    private String apply(Op op, UserActions user) throws IOException {
        SimDevice device = world.devices().get(op.device());
        switch (op.kind()) {
            case SYNC -> {
                boolean offline = device.offlineUntil >= step;
                device.online(!offline);
                String v = sync(device, (offline ? "offline " : "") + op);
                device.online(true);
                return v;
            }
            case OFFLINE -> {
                device.offlineUntil = step + 3 + (int) (op.p2() % 12);
                trace.add(op + ": offline until step " + device.offlineUntil);
            }
            case IDLE -> {
                if (op.p1() % 3 == 0) {
                    // Some idle periods begin with a touch on the device: a metadata-only change.
                    record(device, op, user.touch(op, device.root));
                }
                Duration idle = Duration.ofHours(1 + op.p2() % 20);
                world.idle(idle);
                trace.add(op + ": " + idle.toHours() + " h pass, the clean-up runs");
            }
            case CONCURRENT_EDIT -> {
                var files = UserActions.files(device.root);
                if (files.isEmpty()) {
                    trace.add(op + ": (nothing to edit)");
                    break;
                }
                List<String> sorted = new ArrayList<>(files.keySet());
                String path = sorted.get((int) (op.p1() % sorted.size()));
                for (SimDevice d : world.devices()) {
                    record(d, op, user.overwrite(op, d.root, path, d.id));
                }
            }
            default -> record(device, op, user.apply(op, device.root));
        }
        return null;
    }

    private void record(SimDevice d, Op op, UserActions.Effect effect) {
        trace.add(op + " on dev" + d.id + ": " + effect.description());
        effect.written().forEach(bytes -> universe.add(ContentHash.ofBytes(bytes).hex()));
        effect.touched().forEach(p -> dirty.get(d.id).putIfAbsent(p, step));
    }

    private String sync(SimDevice device, String label) throws IOException {
        Map<String, String> before = tree(device.root);
        Map<String, Integer> dirtyBefore = new HashMap<>(dirty.get(device.id));
        SimDevice.Outcome outcome = device.sync();
        trace.add(label + ": " + outcome.describe());
        if (outcome.indexLost()) {
            indexLost.set(device.id, true);
        }
        String broken = checkDevice(device, outcome);
        if (broken != null || outcome.report() == null) {
            return broken;
        }
        SyncReport report = outcome.report();
        for (SyncReport.Conflict c : report.conflicts()) {
            String spurious = spurious(device, c.path(), dirtyBefore, before);
            if (spurious != null) {
                return "spurious conflict on " + c.path() + " at dev" + device.id + ": " + spurious;
            }
        }
        if (outcome.clean()) {
            Set<String> current = new HashSet<>(world.serverTree().values());
            for (Map.Entry<String, String> file : before.entrySet()) {
                if (!current.contains(file.getValue()) && !world.serverHistory(file.getKey()).contains(file.getValue())) {
                    return "lost write: dev" + device.id + " had " + file.getKey() + " = " + file.getValue().substring(0, 12)
                            + " when a sync that finished cleanly started, and the server has it neither as a current file nor in that path's history";
                }
            }
            dirty.get(device.id).forEach((p, since) -> cleared.get(device.id).put(p, step));
            dirty.get(device.id).clear();
            lastCleanStart.set(device.id, step);
            indexLost.set(device.id, false);
        }
        return null;
    }

    /**
     * A conflict is only right where this device changed the path since its last clean sync, and
     * another device changed it too, and the local content is not already in the vault (then the
     * remote version descends from it and nothing is at risk).
     */
    private String spurious(SimDevice device, String path, Map<String, Integer> dirtyBefore, Map<String, String> before) {
        if (!dirtyBefore.containsKey(path)) {
            return "this device never changed it since its last clean sync";
        }
        if (indexLost.get(device.id)) {
            // Without its index the device cannot tell its own change from another's: keeping both is right.
            return null;
        }
        boolean other = false;
        for (SimDevice e : world.devices()) {
            if (e.id != device.id && (dirty.get(e.id).containsKey(path)
                    || cleared.get(e.id).getOrDefault(path, -2) > lastCleanStart.get(device.id))) {
                other = true;
            }
        }
        if (!other) {
            return "no other device changed it";
        }
        String local = before.get(path);
        if (local != null && !local.equals(ContentHash.EMPTY.hex()) && world.serverHistory(path).contains(local)) {
            return "its local content " + local.substring(0, 12) + " was already a version of that path (the remote descends from it)";
        }
        return null;
    }

    /**
     * After a sync of {@code d} (only a sync writes where a user did not): nothing outside its root,
     * no partial file, no local deletion of a file the server still has, no write by a revoked token.
     */
    private String checkDevice(SimDevice d, SimDevice.Outcome outcome) throws IOException {
        String afterSync = world.afterSync(d);
        if (afterSync != null) {
            return afterSync;
        }
        if (outcome.report() != null) {
            Map<String, String> server = world.serverTree();
            for (String deleted : outcome.report().deletedLocal()) {
                if (server.containsKey(deleted)) {
                    return "dev" + d.id + " deleted " + deleted + " here although the server still has it";
                }
            }
        }
        String outside = world.outsideRoot(d.id);
        if (outside != null) {
            return "wrote outside a sync root: dev" + d.id + " " + outside;
        }
        for (Map.Entry<String, String> file : tree(d.root).entrySet()) {
            if (!universe.contains(file.getValue())) {
                return "partial or unknown content visible: dev" + d.id + " " + file.getKey();
            }
        }
        return null;
    }

    /** Faults off, everyone online; everyone syncs until a whole round changes nothing. */
    private String settle() throws IOException {
        world.faults().enable(false);
        world.devices().forEach(d -> {
            d.offlineUntil = -1;
            d.online(true);
        });
        trace.add("-- settling: faults off, every device online");
        for (int round = 1; round <= MAX_SETTLE_ROUNDS; round++) {
            boolean quiet = true;
            for (SimDevice d : world.devices()) {
                world.clock().advance(Duration.ofMillis(1500));
                step++;
                SimDevice.Outcome outcome = d.sync();
                trace.add("settle round " + round + " dev" + d.id + ": " + outcome.describe());
                if (outcome.report() == null) {
                    return "a sync failed with no fault injected: " + outcome.describe();
                }
                SyncReport r = outcome.report();
                quiet &= r.uploaded().isEmpty() && r.downloaded().isEmpty() && r.deletedLocal().isEmpty()
                        && r.deletedRemote().isEmpty() && r.conflicts().isEmpty() && r.failures().isEmpty();
                String violation = checkDevice(d, outcome);
                if (violation != null) {
                    return violation;
                }
            }
            if (quiet) {
                return converged();
            }
        }
        return "no convergence after " + MAX_SETTLE_ROUNDS + " rounds of syncs (livelock)";
    }

    private String converged() throws IOException {
        Map<String, String> server = world.serverTree();
        for (SimDevice d : world.devices()) {
            Map<String, String> mine = tree(d.root);
            if (!mine.equals(server)) {
                return "dev" + d.id + " differs from the server after settling: " + diff(mine, server);
            }
            String times = sameTimes(d);
            if (times != null) {
                return times;
            }
            Set<String> myFolders = UserActions.folderSet(d.root);
            if (!myFolders.equals(world.serverFolders())) {
                return "dev" + d.id + "'s folders differ from the server's after settling: here " + myFolders
                        + ", on the server " + world.serverFolders();
            }
            for (String f : UserActions.allFiles(d.root)) {
                if (IgnoreRules.isInternal(f)) {
                    return "dev" + d.id + " still holds the temp file " + f + " after settling";
                }
            }
        }
        return null;
    }

    /** Every file's modification time is the server's, within the 2 s a disk may round to. */
    private String sameTimes(SimDevice d) throws IOException {
        Map<String, Long> server = world.serverTimes();
        for (Map.Entry<String, String> file : UserActions.files(d.root).entrySet()) {
            Long theirs = server.get(file.getKey());
            long mine = Files.getLastModifiedTime(d.root.resolve(file.getValue())).toMillis();
            if (theirs != null && theirs != 0 && Math.abs(mine - theirs) >= 2000) {
                return "dev" + d.id + "'s " + file.getKey() + " has time " + mine + ", the server " + theirs + " after settling";
            }
        }
        return null;
    }

    private static String diff(Map<String, String> mine, Map<String, String> server) {
        List<String> out = new ArrayList<>();
        Set<String> all = new TreeSet<>(mine.keySet());
        all.addAll(server.keySet());
        for (String p : all) {
            String a = mine.get(p);
            String b = server.get(p);
            if (!Objects.equals(a, b)) {
                out.add(p + " local=" + (a == null ? "-" : a.substring(0, 8)) + " server=" + (b == null ? "-" : b.substring(0, 8)));
            }
        }
        return String.join("; ", out);
    }

    /** NFC path to SHA-256 of every user file of a root. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : UserActions.files(root).entrySet()) {
            out.put(e.getKey(), UserActions.hash(root.resolve(e.getValue())));
        }
        return out;
    }
}
