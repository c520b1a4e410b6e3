package io.skysync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeded simulation: 3 devices running the real sync engine against the real SyncService (in
 * memory), with faults. {@code -Dsim.histories=N} sets how many histories (default 10 000; soak:
 * 1 000 000), {@code -Dsim.firstSeed=S} where they start, {@code -Dsim.seed=S [-Dsim.keep=i,j]}
 * replays one history with its trace.
 */
class SimulationTest {

    @Test
    void seededHistories_keepEveryInvariant_andInjectEveryFaultKind() throws InterruptedException {
        String replay = System.getProperty("sim.seed");
        FaultCounts counts = new FaultCounts();
        Simulation sim = new Simulation(seed -> new MemoryWorld(seed, Simulation.DEVICES, counts), counts);
        if (replay != null && !replay.isBlank()) {
            long seed = Long.parseLong(replay.trim());
            List<String> trace = new ArrayList<>();
            String violation = sim.runOne(seed, Simulation.ops(seed, System.getProperty("sim.keep")), trace);
            System.out.println("sim: replay of seed " + seed + "\n    " + String.join("\n    ", trace));
            System.out.println("sim: 1 history, " + (violation == null ? 0 : 1) + " violations, faults: " + counts.summary());
            assertThat(violation).as("seed " + seed).isNull();
            return;
        }
        long histories = Long.getLong("sim.histories", 10_000);
        long first = Long.getLong("sim.firstSeed", 1);
        long started = System.nanoTime();
        List<Simulation.Failure> failures = sim.runMany(first, histories, 2);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        failures.forEach(f -> System.out.println(f.report("sim")));
        System.out.println("sim: " + histories + " histories (seeds " + first + ".." + (first + histories - 1) + ", "
                + Simulation.DEVICES + " devices x " + Simulation.STEPS + " steps) in " + seconds + " s, "
                + failures.size() + " violations, faults: " + counts.summary());
        assertThat(failures.stream().map(f -> f.seed() + ": " + f.violation()).toList()).as("violations").isEmpty();
        if (histories >= 10_000) {
            for (FaultKind kind : FaultKind.values()) {
                assertThat(counts.get(kind)).as("injected " + kind).isGreaterThanOrEqualTo(100);
            }
        }
    }
}
