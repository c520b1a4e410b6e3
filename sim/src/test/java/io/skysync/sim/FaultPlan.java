package io.skysync.sim;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

/**
 * Decides, from the history's own random stream, whether a fault happens at an injection point,
 * and counts it. Switched off while the history settles (quiescence), so settling terminates.
 * Single-threaded: a history runs on one thread, which is what makes a seed replay exactly.
 */
public final class FaultPlan {
    private final Random random;
    private final FaultCounts counts;
    private final Set<FaultKind> allowed;
    private final double scale;
    private boolean enabled = true;
    private String armed;
    private int armedSkips;
    private final Set<FaultKind> forced = EnumSet.noneOf(FaultKind.class);

    public FaultPlan(Random random, FaultCounts counts, Set<FaultKind> allowed, double scale) {
        this.random = random;
        this.counts = counts;
        this.allowed = EnumSet.copyOf(allowed);
        this.scale = scale;
    }

    public void enable(boolean on) {
        this.enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    /** True (and counted) with probability {@code p} when faults are on and this kind is allowed. */
    public boolean roll(FaultKind kind, double p) {
        if (forced.remove(kind)) {
            counts.add(kind);
            return true;
        }
        if (!enabled || !allowed.contains(kind)) {
            return false;
        }
        if (random.nextDouble() < p * scale) {
            counts.add(kind);
            return true;
        }
        return false;
    }

    /** The next chance for a fault of this kind takes it, faults on or off (regression tests). */
    public void force(FaultKind kind) {
        forced.add(kind);
    }

    /** The next injection point whose description contains {@code where} crashes, faults on or off (regression tests). */
    public void armCrash(String where) {
        armCrash(where, 1);
    }

    /** The {@code nth} (1-based) injection point from now whose description contains {@code where} crashes. */
    public void armCrash(String where, int nth) {
        this.armed = where;
        this.armedSkips = nth - 1;
    }

    /** Crashes the process here with probability {@code p}, or because a crash is armed here. */
    public void maybeCrash(String where, double p) {
        if (armed != null && where.contains(armed) && armedSkips-- == 0) {
            armed = null;
            counts.add(FaultKind.CRASH);
            throw new SimCrash(where);
        }
        if (roll(FaultKind.CRASH, p)) {
            throw new SimCrash(where);
        }
    }

    public Random random() {
        return random;
    }
}
