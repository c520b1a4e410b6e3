package io.skysync.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs many seeded histories (in parallel, one history per thread at a time) and reports the
 * violations, each with its seed, the shortest failing history the shrinker found, and the command
 * that replays it.
 */
final class Simulation {
    static final int DEVICES = 3;
    static final int STEPS = 22;

    /** A history that broke an invariant. */
    record Failure(long seed, String violation, List<Op> shrunk, String shrunkViolation, List<String> trace) {
        String report(String module) {
            String keep = shrunk.stream().map(o -> Integer.toString(o.index())).collect(Collectors.joining(","));
            return "VIOLATION seed=" + seed + ": " + violation + "\n  shortest history (" + shrunk.size() + " steps): "
                    + shrunkViolation + "\n    " + shrunk.stream().map(Op::toString).collect(Collectors.joining("\n    "))
                    + "\n  replay: mvn -B -pl " + module + " verify -DskipITs -Dsim.seed=" + seed + " -Dsim.keep=" + keep
                    + "\n  trace of the shortest history:\n    " + String.join("\n    ", trace);
        }
    }

    private final Function<Long, World> worlds;
    private final FaultCounts counts;

    Simulation(Function<Long, World> worlds, FaultCounts counts) {
        this.worlds = worlds;
        this.counts = counts;
    }

    /** Runs one history; null if it kept every invariant. */
    String runOne(long seed, List<Op> ops, List<String> trace) {
        HistoryRunner runner = new HistoryRunner(seed, () -> worlds.apply(seed));
        String violation = runner.run(ops);
        if (trace != null) {
            trace.addAll(runner.trace());
        }
        return violation;
    }

    static List<Op> ops(long seed, String keep) {
        List<Op> ops = Op.generate(seed, STEPS, DEVICES);
        if (keep == null || keep.isBlank()) {
            return ops;
        }
        Set<Integer> kept = Arrays.stream(keep.split(",")).map(String::trim).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
        return ops.stream().filter(o -> kept.contains(o.index())).toList();
    }

    Failure examine(long seed, List<Op> ops, String violation) {
        List<Op> shrunk = Shrinker.shrink(ops, violation, candidate -> runOne(seed, candidate, null));
        List<String> trace = new ArrayList<>();
        String again = runOne(seed, shrunk, trace);
        return new Failure(seed, violation, shrunk, again == null ? "(passes alone: order-sensitive)" : again, trace);
    }

    /** Runs seeds {@code first .. first+count-1} on {@code threads} threads; returns the failures (at most 5 shrunk). */
    List<Failure> runMany(long first, long count, int threads) throws InterruptedException {
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong next = new AtomicLong(first);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (long seed = next.getAndIncrement(); seed < first + count; seed = next.getAndIncrement()) {
                    List<Op> ops = ops(seed, null);
                    String violation;
                    try {
                        violation = runOne(seed, ops, null);
                    } catch (RuntimeException | AssertionError e) {
                        violation = "the harness or the engine threw: " + e;
                    }
                    if (violation != null) {
                        failures.add(failures.size() < 5 ? examine(seed, ops, violation)
                                : new Failure(seed, violation, ops, violation, List.of()));
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        for (Future<?> w : workers) {
            try {
                w.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return failures;
    }

    FaultCounts counts() {
        return counts;
    }
}
