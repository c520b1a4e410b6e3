package io.skysync.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Delta debugging (Zeller's ddmin) over a failing history's steps: removes ever smaller chunks
 * while the history still violates the same invariant, so a failure is reported with the
 * shortest history found. Ops keep their generated index, so the result replays with
 * {@code -Dsim.seed=S -Dsim.keep=i,j,k}.
 */
final class Shrinker {
    private static final int MAX_TRIALS = 400;

    private Shrinker() {
    }

    /** @param fails the violation of a candidate history, or null if it passes */
    static List<Op> shrink(List<Op> failing, String violation, Function<List<Op>, String> fails) {
        String kind = kindOf(violation);
        List<Op> current = new ArrayList<>(failing);
        int chunks = 2;
        int trials = 0;
        while (current.size() >= 2 && trials < MAX_TRIALS) {
            int size = (int) Math.ceil(current.size() / (double) chunks);
            boolean reduced = false;
            for (int start = 0; start < current.size() && trials < MAX_TRIALS; start += size) {
                List<Op> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + size), current.size()));
                trials++;
                String v = fails.apply(candidate);
                if (v != null && kindOf(v).equals(kind)) {
                    current = candidate;
                    chunks = Math.max(chunks - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (size == 1) {
                    break;
                }
                chunks = Math.min(current.size(), chunks * 2);
            }
        }
        return current;
    }

    /** The invariant a violation is about: its text before the first colon. */
    static String kindOf(String violation) {
        int colon = violation.indexOf(':');
        return colon < 0 ? violation : violation.substring(0, colon);
    }
}
