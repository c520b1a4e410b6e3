package io.skysync.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
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
    /** Steps of an in-memory history. */
    static final int STEPS = 22;
    /** Steps of a real-backend history: each step costs real requests, so they are shorter. */
    static final int REAL_STEPS = 14;

    /** A history that broke an invariant. */
    record Failure(long seed, String violation, List<Op> shrunk, String shrunkViolation, List<String> trace) {
        String report(String replayFlags) {
            String keep = shrunk.stream().map(o -> Integer.toString(o.index())).collect(Collectors.joining(","));
            return "VIOLATION seed=" + seed + ": " + violation + "\n  shortest history (" + shrunk.size() + " steps): "
                    + shrunkViolation + "\n    " + shrunk.stream().map(Op::toString).collect(Collectors.joining("\n    "))
                    + "\n  replay: mvn -B -pl sim verify " + replayFlags + " -Dsim.seed=" + seed + " -Dsim.keep=" + keep
                    + "\n  trace of the shortest history:\n    " + String.join("\n    ", trace);
        }
    }

    private final Function<Long, World> worlds;
    private final FaultCounts counts;
    private final int steps;
    private final String replayFlags;

    Simulation(Function<Long, World> worlds, FaultCounts counts, int steps, String replayFlags) {
        this.worlds = worlds;
        this.counts = counts;
        this.steps = steps;
        this.replayFlags = replayFlags;
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

    List<Op> ops(long seed, String keep) {
        List<Op> ops = Op.generate(seed, steps, DEVICES);
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
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return failures;
    }

    /**
     * What a test runs: the history {@code -Dsim.seed=S [-Dsim.keep=i,j]} names, with its trace; or
     * {@code -D<countProperty>=N} histories from {@code -Dsim.firstSeed} (default 1). Prints the
     * violations and a summary line; returns the violations.
     */
    List<String> runConfigured(String label, String countProperty, long defaultCount, int threads)
            throws InterruptedException {
        String replay = System.getProperty("sim.seed");
        if (replay != null && !replay.isBlank()) {
            long seed = Long.parseLong(replay.trim());
            List<String> trace = new ArrayList<>();
            String violation = runOne(seed, ops(seed, System.getProperty("sim.keep")), trace);
            System.out.println(label + ": replay of seed " + seed + "\n    " + String.join("\n    ", trace));
            System.out.println(label + ": 1 history, " + (violation == null ? 0 : 1) + " violations"
                    + (violation == null ? "" : " (" + violation + ")") + ", faults: " + counts.summary());
            return violation == null ? List.of() : List.of(seed + ": " + violation);
        }
        long count = Long.getLong(countProperty, defaultCount);
        long first = Long.getLong("sim.firstSeed", 1);
        long started = System.nanoTime();
        List<Failure> failures = runMany(first, count, threads);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        failures.forEach(f -> System.out.println(f.report(replayFlags)));
        System.out.println(label + ": " + count + " histories (seeds " + first + ".." + (first + count - 1) + ", "
                + DEVICES + " devices x " + steps + " steps) in " + seconds + " s, " + failures.size()
                + " violations, faults: " + counts.summary());
        return failures.stream().map(f -> f.seed() + ": " + f.violation()).toList();
    }
}
