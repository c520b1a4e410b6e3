package io.skysync.client.sync;

import java.nio.file.Path;
import java.util.List;

/**
 * The checks a plan must pass before anything is touched, weighed on the plan itself (pure): an
 * emptied root (an unmounted drive), and a mass deletion on <em>either</em> side: files deleted
 * remotely because they are gone here, and files deleted here because the remote says so (a
 * restored, broken or hostile server can ask for that as easily as a user's mistake can).
 */
final class Guards {
    static final int MASS_DELETE_MIN = 3;

    private Guards() {
    }

    static void check(PlanInput in, List<Step> steps, Path root) {
        emptiedRoot(in, root);
        massDelete(in, steps);
    }

    private static void emptiedRoot(PlanInput in, Path root) {
        // Counted only for an empty folder: every other run would count every row for nothing.
        long synced = in.local().isEmpty() ? in.rows().values().stream().filter(r -> r.synced().exists()).count() : 0;
        if (synced > 0 && !in.options().allowMassDelete()) {
            throw new SafetyStop("the folder " + root + " is empty but " + synced + " files were synced from it"
                    + " (an unmounted drive?); nothing was deleted. If you really deleted everything, run again with"
                    + " --allow-mass-delete");
        }
    }

    private static void massDelete(PlanInput in, List<Step> steps) {
        long remotely = steps.stream().filter(s -> s instanceof Step.Commit c && c.deletion()).count();
        long here = steps.stream().filter(s -> s instanceof Step.RemoveLocal).count();
        long deletions = remotely + here;
        if (in.options().allowMassDelete() || deletions < MASS_DELETE_MIN) {
            return;
        }
        // The share of what is at stake: files this device holds or synced. Entries the server only
        // claims (new paths it can add at will) would dilute it, so they do not count.
        // Counted without a set of every path: each local file, then each row whose file is gone here.
        long live = in.local().size() + in.rows().values().stream()
                .filter(r -> !in.local().containsKey(r.path()) && in.view().remoteOf(r.path(), r).live()).count();
        if (deletions * 100 > (long) in.options().maxDeletePercent() * live) {
            throw new SafetyStop("this sync would delete " + deletions + " of the vault's " + live + " files ("
                    + remotely + " remotely, " + here + " here), more than " + in.options().maxDeletePercent()
                    + "%; nothing was deleted. If that is what you want, run again with --allow-mass-delete"
                    + " (or raise --max-delete)");
        }
    }
}
