package io.skysync.sim;

import io.skysync.client.progress.Progress;

/**
 * Progress callbacks are where the engine reports each file done and each phase started: between
 * two of them is a real moment of a sync (some files placed, others not), so the process may die
 * there.
 */
final class CrashingProgress implements Progress {
    private final FaultPlan plan;

    CrashingProgress(FaultPlan plan) {
        this.plan = plan;
    }

    @Override
    public void phase(String name, long files, long bytes) {
        plan.maybeCrash("at the start of phase " + name, 0.01);
    }

    @Override
    public void file(String verb, String path) {
        plan.maybeCrash("after " + verb + " " + path, 0.015);
    }
}
