package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import io.skysync.reconcile.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Planning, repairing, reading histories and booking the scan for the {@link Candidates} only is the same as doing it
 * for every path, on random inputs: rows settled or not, local files as recorded or changed in one way (content, time,
 * bit, file key, name, racy), remote feeds with entries, histories and unread paths, complete listings, excluded
 * paths, and every direction, policy and role, on a disk that folds case or not.
 */
class CandidatesTest {
    private static final List<String> NAMES = List.of("a.txt", "A.txt", "b.txt", "d", "d/x.txt", "d/y.txt", "D/z.txt",
            "e.md", "e.md.conflict");
    private static final List<ContentHash> CONTENTS = List.of(PlanFixtures.hash("a"), PlanFixtures.hash("b"),
            PlanFixtures.hash("dir"));
    private static final long SECOND = 1_000_000_000L;

    @Test
    void candidatesOnly_isTheSameAsEveryPath_onRandomInputs() {
        int quiet = 0;
        int steps = 0;
        for (long seed = 0; seed < 5000; seed++) {
            World w = new World(new Random(seed));
            Set<VaultPath> candidates = Candidates.of(w.rows, w.local, w.view, w.racyFrom);
            Set<VaultPath> every = new HashSet<>(w.rows.keySet());
            every.addAll(w.local.keySet());
            every.addAll(w.view.entries().keySet());
            quiet += (int) every.stream().filter(p -> !candidates.contains(p)).count();
            steps += sameEitherWay(w, candidates, "seed " + seed);
        }
        // Quiet paths and steps both, or the comparison proves nothing.
        assertThat(quiet).isGreaterThan(2000);
        assertThat(steps).isGreaterThan(2000);
    }

    /** The number of steps planned; fails where the candidates alone give another answer than every path. */
    private static int sameEitherWay(World w, Set<VaultPath> candidates, String seed) {
        Map<VaultPath, IndexRow> repaired = Lineage.repair(w.rows, w.local, w.view);
        assertThat(Lineage.repair(w.rows, w.local, w.view, candidates)).as("repair, " + seed).isEqualTo(repaired);
        assertThat(Fetcher.suspects(candidates, w.rows, repaired, w.local, w.view, w.excluded)).as("suspects, " + seed)
                .isEqualTo(Fetcher.suspects(w.local.keySet(), w.rows, repaired, w.local, w.view, w.excluded));

        PlanInput input = PlanInput.repaired(repaired, w.rows, w.local, w.excluded, w.view, w.options, PlanFixtures.NOW);
        List<Step> all = Planner.plan(input);
        assertThat(Planner.plan(input, candidates)).as("plan, " + seed).isEqualTo(all);
        PlanInput unrepaired = new PlanInput(w.rows, w.rows, w.local, w.excluded, w.view, w.options, PlanFixtures.NOW);
        assertThat(Planner.plan(unrepaired, candidates)).as("plan repaired by the planner, " + seed).isEqualTo(all);

        RowBook everyPath = new RowBook(repaired);
        everyPath.applyScan(w.local, w.excluded, w.racyFrom);
        everyPath.applyRemote(w.view);
        RowBook some = new RowBook(repaired);
        some.applyScan(candidates, w.local, w.excluded, w.racyFrom);
        some.applyRemote(w.view);
        assertThat(some.rows()).as("rows booked, " + seed).isEqualTo(everyPath.rows());
        assertThat(new HashSet<>(some.changed())).as("rows written, " + seed).isEqualTo(new HashSet<>(everyPath.changed()));
        assertThat(new HashSet<>(some.removed())).as("rows removed, " + seed).isEqualTo(new HashSet<>(everyPath.removed()));
        return all.size();
    }

    @Test
    void of_settledRowWithItsFileAndNoNews_isQuiet() {
        World w = World.settled();
        assertThat(Candidates.of(w.rows, w.local, w.view, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void of_aFileModifiedInTheRacyWindow_isACandidate() {
        World w = World.settled();
        assertThat(Candidates.of(w.rows, w.local, w.view, 0)).containsExactly(VaultPath.of("a.txt"));
    }

    @Test
    void of_aCompleteListing_makesEveryPathACandidate() {
        World w = World.settled();
        RemoteView complete = new RemoteView(Map.of(), true, 9, Map.of(), Map.of(), List.of(), List.of(), 1);
        assertThat(Candidates.of(w.rows, w.local, complete, Long.MAX_VALUE)).containsExactly(VaultPath.of("a.txt"));
    }

    /** One random input of a plan, with the rows keyed by their paths as the index keys them. */
    private static final class World {
        final Map<VaultPath, IndexRow> rows = new HashMap<>();
        final Map<VaultPath, LocalFile> local = new HashMap<>();
        Predicate<VaultPath> excluded = p -> false;
        RemoteView view = new RemoteView(Map.of(), false, 9, Map.of(), Map.of(), List.of(), List.of(), 1);
        SyncOptions options = SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "my laptop");
        long racyFrom = Long.MAX_VALUE;

        private World() {
        }

        static World settled() {
            World w = new World();
            VaultPath path = VaultPath.of("a.txt");
            RemoteFile remote = RemoteFile.live(FileVersion.of(3), PlanFixtures.hash("a"), 1, 5_000);
            LocalFile file = new LocalFile(path, "a.txt", 1, 5_000 * 1_000_000L, "k1", remote.hash(), null);
            w.local.put(path, file);
            w.rows.put(path, IndexRow.empty(path).syncedTo(remote).withLocal("a.txt", file.stat()));
            return w;
        }

        World(Random r) {
            Map<VaultPath, RemoteFile> entries = new HashMap<>();
            Map<VaultPath, List<ManifestEntry>> histories = new HashMap<>();
            Map<VaultPath, String> unread = new HashMap<>();
            Set<VaultPath> out = new HashSet<>();
            for (String name : NAMES) {
                if (r.nextInt(4) == 0) {
                    continue;
                }
                VaultPath path = VaultPath.of(name);
                boolean settled = r.nextInt(3) != 0;
                RemoteFile seen = settled ? live(r) : remote(r);
                Snapshot ancestor = settled ? seen.snapshot() : r.nextBoolean() ? seen.snapshot() : remote(r).snapshot();
                LocalFile file = seen.live() && r.nextInt(5) != 0 ? file(path, seen, r) : r.nextInt(3) == 0 ? null
                        : file(path, live(r), r);
                boolean hasRow = r.nextInt(8) != 0;
                if (hasRow) {
                    IndexRow row = new IndexRow(path, name, null, ancestor, seen);
                    if (file != null && r.nextInt(6) != 0) {
                        row = row.withLocal(file.localName(), file.stat());
                    } else if (r.nextInt(3) == 0) {
                        row = row.withLocal(name, new LocalStat(1, SECOND, "k9", CONTENTS.get(r.nextInt(CONTENTS.size()))));
                    }
                    rows.put(path, row);
                }
                if (file != null) {
                    // One thing, at most, differs from what the row recorded.
                    local.put(path, changed(file, r));
                }
                if (r.nextInt(5) == 0) {
                    entries.put(path, r.nextBoolean() ? seen : remote(r));
                }
                if (r.nextInt(8) == 0) {
                    histories.put(path, history(path, r));
                }
                if (r.nextInt(15) == 0) {
                    unread.put(path, "its history could not be read (test); left for the next sync");
                }
                if (r.nextInt(10) == 0) {
                    out.add(path);
                }
            }
            view = new RemoteView(entries, r.nextInt(10) == 0, 9, histories, unread, List.of(), List.of(), 1);
            excluded = out::contains;
            racyFrom = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 3 * SECOND;
                default -> Long.MAX_VALUE;
            };
            Direction direction = Direction.values()[r.nextInt(Direction.values().length)];
            options = SyncOptions.twoWay(ConflictPolicy.values()[r.nextInt(ConflictPolicy.values().length)], "my laptop")
                    .withDirection(direction).withPushAll(r.nextBoolean()).withReadOnly(r.nextInt(4) == 0)
                    .withCaseInsensitive(r.nextBoolean());
        }

        private static LocalFile file(VaultPath path, RemoteFile remote, Random r) {
            return new LocalFile(path, path.value(), remote.size(), remote.mtimeMillis() * 1_000_000L + r.nextInt(3),
                    r.nextBoolean() ? "k1" : null, remote.hash(), remote.folder() ? null : remote.executable());
        }

        private static LocalFile changed(LocalFile f, Random r) {
            return switch (r.nextInt(12)) {
                case 0 -> new LocalFile(f.path(), f.localName(), f.size(), f.mtimeNanos(), f.fileKey(),
                        CONTENTS.get(r.nextInt(CONTENTS.size())), f.executable());
                case 1 -> new LocalFile(f.path(), f.localName(), f.size(), f.mtimeNanos() + (r.nextBoolean() ? 1 : 9 * SECOND),
                        f.fileKey(), f.hash(), f.executable());
                case 2 -> f.withExecutable(r.nextBoolean() ? null : !Boolean.TRUE.equals(f.executable()));
                case 3 -> new LocalFile(f.path(), f.localName(), f.size(), f.mtimeNanos(), "k2", f.hash(), f.executable());
                case 4 -> new LocalFile(f.path(), f.localName().toUpperCase(), f.size(), f.mtimeNanos(), f.fileKey(), f.hash(),
                        f.executable());
                case 5 -> new LocalFile(f.path(), f.localName(), f.size() + 1, f.mtimeNanos(), f.fileKey(), f.hash(),
                        f.executable());
                default -> f;
            };
        }

        private static RemoteFile live(Random r) {
            ContentHash content = CONTENTS.get(r.nextInt(CONTENTS.size()));
            long mtime = new long[] {0, 1_000, 2_500, 9_000}[r.nextInt(4)];
            boolean folder = content.equals(CONTENTS.get(2));
            Boolean bit = folder ? null : new Boolean[] {null, true, false}[r.nextInt(3)];
            return RemoteFile.live(FileVersion.of(1 + r.nextInt(4)), content, folder ? 0 : 1, mtime).withExecutable(bit);
        }

        private static RemoteFile remote(Random r) {
            return switch (r.nextInt(4)) {
                case 0 -> RemoteFile.ABSENT;
                case 1 -> RemoteFile.tombstone(FileVersion.of(1 + r.nextInt(4)));
                default -> live(r);
            };
        }

        private static List<ManifestEntry> history(VaultPath path, Random r) {
            List<ManifestEntry> versions = new ArrayList<>();
            for (int i = r.nextInt(3); i >= 0; i--) {
                RemoteFile v = live(r);
                DeviceId device = new DeviceId("other");
                Seq seq = Seq.of(v.version().value());
                versions.add(r.nextInt(4) == 0 ? ManifestEntry.tombstone(path, v.version(), device, seq, PlanFixtures.NOW)
                        : ManifestEntry.live(path, v.version(), v.hash(), v.size(), v.mtimeMillis(), device, seq,
                        PlanFixtures.NOW).withExecutable(v.executable()));
            }
            return versions;
        }
    }
}
