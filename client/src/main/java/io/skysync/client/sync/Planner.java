package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictCopyName;
import io.skysync.reconcile.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan of a sync: a pure function of {@link PlanInput} to the steps of every path, sorted by
 * path and immutable. Lineage repair ({@link Lineage}), the three-way rule with the path's history
 * ({@link StepRules}), conflict copy names, the case clashes of a case-folding disk and the folder
 * rules ({@link FolderRules}) are all decided here, before anything is touched. A commit that meets a conflict is planned again by
 * the same function, for that path only, against the entry that won.
 */
public final class Planner {
    private Planner() {
    }

    /** Every path's step: what the plan of the run's {@link Candidates} must equal ({@code CandidatesTest}). */
    static List<Step> plan(PlanInput in) {
        // Each known path once, in no order: only the paths with a step are sorted (a no-op sorts none).
        List<VaultPath> paths = new ArrayList<>(in.rows().keySet());
        in.local().keySet().stream().filter(p -> !in.rows().containsKey(p)).forEach(paths::add);
        in.view().entries().keySet().stream().filter(p -> !in.rows().containsKey(p) && !in.local().containsKey(p))
                .forEach(paths::add);
        return plan(in, paths);
    }

    /**
     * The steps of {@code only} (the run's {@link Candidates}, or a commit round's conflicts), with every other known
     * name still reserved: for the candidates, the same steps as {@link #plan(PlanInput)}, as a quiet path has none.
     * The paths are decided in path order, so the first of two names that clash (a conflict copy's,
     * a case-folded one) is the same whatever order {@code only} has; a first look in any order
     * (with a namer that names nothing: deciding is pure) finds the paths that have a step at all.
     */
    static List<Step> plan(PlanInput in, Collection<VaultPath> only) {
        Map<VaultPath, IndexRow> rows = in.repaired() ? in.rows() : Lineage.repair(in.rows(), in.local(), in.view());
        StepRules.CopyNamer unnamed = (path, remote, local) -> new Step.Fail(path, "not named yet");
        List<VaultPath> acting = new ArrayList<>();
        // Rows that needed no repair are the indexed ones: one lookup a path then, not two.
        boolean unrepaired = rows == in.indexed();
        for (VaultPath path : only) {
            if (in.excluded().test(path)) {
                continue;
            }
            IndexRow row = rows.get(path);
            if (decide(path, row, unrepaired ? row : in.indexed().get(path), in, unnamed) != null) {
                acting.add(path);
            }
        }
        acting.sort(Comparator.naturalOrder());
        Reserved reserved = new Reserved(in);
        Map<String, VaultPath> folded = new HashMap<>();
        StepRules.CopyNamer namer = (path, remote, local) -> keepBoth(path, remote, local, in, reserved);
        List<Step> steps = new ArrayList<>();
        VaultPath previous = null;
        for (VaultPath path : acting) {
            if (path.equals(previous)) {
                continue;
            }
            previous = path;
            Step step = decide(path, rows.get(path), in.indexed().get(path), in, namer);
            if (step instanceof Step.Fetch fetch && fetch.expectedLocal() == null && in.options().caseInsensitive()) {
                if (folded.isEmpty()) {
                    in.local().keySet().forEach(p -> folded.put(p.caseFoldKey(), p));
                }
                VaultPath other = folded.putIfAbsent(path.caseFoldKey(), path);
                if (other != null && !other.equals(path)) {
                    step = new Step.Hold(path, "differs only by case from " + other
                            + ", which this disk cannot hold side by side; rename one of them", Step.Hold.Why.CONFLICT);
                }
            }
            if (step != null) {
                steps.add(step);
            }
        }
        return FolderRules.apply(steps, in.local(), in.options());
    }

    /** {@code row} as {@link Lineage} repaired it, {@code indexed} as the index has it. */
    private static Step decide(VaultPath path, IndexRow row, IndexRow indexed, PlanInput in, StepRules.CopyNamer namer) {
        String unread = in.view().unread().get(path);
        if (unread != null) {
            return new Step.Fail(path, unread);
        }
        LocalFile local = in.local().get(path);
        Snapshot ancestor = row == null ? Snapshot.ABSENT : row.ancestor();
        RemoteFile remote = in.view().remoteOf(path, row);
        Snapshot past = local == null ? Snapshot.ABSENT : Lineage.past(in.view().history(path), local.hash(), remote.version());
        Step step = StepRules.decide(path, ancestor, local, remote, past, in.options(), namer);
        // Content proves a repaired ancestor, not its metadata: a remote version whose content is here
        // (a conflict answer, a download whose record was lost) may carry a bit this file never got.
        Step weighed = MetadataRule.apply(step, path, indexed, local, remote, in.view().history(path), in.options());
        return MetadataRule.carryRemoteBit(weighed, indexed, remote, in.options());
    }

    /** The keep-both step with a conflict copy name that is free, in the local file's own folder. */
    private static Step keepBoth(VaultPath path, RemoteFile remote, LocalFile local, PlanInput in, Reserved reserved) {
        VaultPath copy;
        try {
            copy = ConflictCopyName.of(path, in.options().deviceName(), in.now());
        } catch (SkysyncException e) {
            return new Step.Fail(path, e.getMessage());
        }
        if (!reserved.take(copy)) {
            return new Step.Fail(path, "its conflict copy name " + copy + " is taken; sync again in a second");
        }
        String name = local.localName();
        int slash = name.lastIndexOf('/');
        String copyLocalName = slash < 0 ? copy.fileName() : name.substring(0, slash) + "/" + copy.fileName();
        return new Step.KeepBoth(path, remote, local, copy, copyLocalName);
    }

    /** The names a conflict copy may not take: every known path, and the copies named so far (gathered at the first copy). */
    private static final class Reserved {
        private final PlanInput in;
        private Set<VaultPath> taken;

        Reserved(PlanInput in) {
            this.in = in;
        }

        boolean take(VaultPath name) {
            if (taken == null) {
                taken = new HashSet<>(in.rows().keySet());
                taken.addAll(in.local().keySet());
                taken.addAll(in.view().entries().keySet());
            }
            return taken.add(name);
        }
    }
}
