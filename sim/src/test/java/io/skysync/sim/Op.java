package io.skysync.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One step of a history: a user action on one device, a sync, or time passing. Its parameters are
 * drawn when the history is generated, and an action whose target is gone (after shrinking) picks
 * another or does nothing, so any sub-list of a history is still a history.
 *
 * @param index position in the generated history (kept through shrinking, used to make unique contents)
 * @param p1    chooses the target (which file, folder or name)
 * @param p2    chooses the content (size class and bytes) or the length of an offline period
 * @param tick  milliseconds the clock moves before the step; 0 is common on purpose (same-tick edits)
 */
record Op(int index, Kind kind, int device, long p1, long p2, long tick) {

    enum Kind { CREATE, EDIT, DELETE, RENAME, MOVE_FOLDER, CASE_RENAME, CONCURRENT_EDIT, OFFLINE, SYNC, IDLE }

    static List<Op> generate(long seed, int steps, int devices) {
        Random random = new Random(seed);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            int roll = random.nextInt(100);
            Kind kind = roll < 42 ? Kind.SYNC : roll < 55 ? Kind.CREATE : roll < 66 ? Kind.EDIT : roll < 71 ? Kind.DELETE
                    : roll < 76 ? Kind.RENAME : roll < 79 ? Kind.MOVE_FOLDER : roll < 83 ? Kind.CASE_RENAME
                    : roll < 91 ? Kind.CONCURRENT_EDIT : roll < 95 ? Kind.OFFLINE : Kind.IDLE;
            long tick = random.nextInt(100) < 20 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 50 : 5000);
            ops.add(new Op(i, kind, random.nextInt(devices), random.nextLong() & Long.MAX_VALUE,
                    random.nextLong() & Long.MAX_VALUE, tick));
        }
        return ops;
    }

    @Override
    public String toString() {
        return "#" + index + " " + kind + " dev" + device + " (p1=" + p1 + ", p2=" + p2 + ", tick=" + tick + "ms)";
    }
}
