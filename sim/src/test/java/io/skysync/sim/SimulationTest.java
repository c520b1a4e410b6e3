package io.skysync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeded simulation: 3 devices running the real sync engine against the real SyncService (in
 * memory), with faults. {@code -Dsim.histories=N} sets how many histories (default 10 000; soak:
 * 1 000 000), {@code -Dsim.firstSeed=S} where they start, {@code -Dsim.seed=S [-Dsim.keep=i,j]}
 * replays one history and prints its trace.
 */
class SimulationTest {

    @Test
    void seededHistories_keepEveryInvariant_andInjectEveryFaultKind() throws InterruptedException {
        FaultCounts counts = new FaultCounts();
        Simulation sim = new Simulation(seed -> new MemoryWorld(seed, Simulation.DEVICES, counts), counts,
                Simulation.STEPS, "-DskipITs");

        List<String> violations = sim.runConfigured("sim", "sim.histories", 10_000, 2);

        assertThat(violations).as("violations").isEmpty();
        if (System.getProperty("sim.seed") == null && Long.getLong("sim.histories", 10_000) >= 10_000) {
            assertThat(counts.chunkedVersions()).as("versions stored as chunks").isGreaterThanOrEqualTo(100);
            for (FaultKind kind : FaultKind.values()) {
                assertThat(counts.get(kind)).as("injected " + kind).isGreaterThanOrEqualTo(100);
            }
        }
    }
}
