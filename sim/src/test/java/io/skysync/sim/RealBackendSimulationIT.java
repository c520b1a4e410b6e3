package io.skysync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.spi.LocalBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seeded histories against the real local backend (DynamoDB Local + S3Proxy behind the
 * real Lambda handler), one backend for all, each history in a vault and temp folders of its own,
 * with the real SQLite index and real HTTP transfers: what the in-memory doubles could hide shows
 * up here. {@code -Dsim.realHistories=N} sets how many (default 50).
 */
class RealBackendSimulationIT {
    @TempDir
    static Path temp;
    private static LocalBackend backend;

    @BeforeAll
    static void start() {
        backend = LocalBackend.provider("aws").start(temp.resolve("backend"), 0);
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void seededHistoriesOnTheRealBackend_keepEveryInvariant() throws InterruptedException {
        long histories = Long.getLong("sim.realHistories", 50);
        long first = Long.getLong("sim.firstSeed", 1);
        FaultCounts counts = new FaultCounts();
        Simulation sim = new Simulation(seed -> new RealBackendWorld(backend, temp.resolve("histories"), seed,
                Simulation.DEVICES, counts), counts);
        long started = System.nanoTime();
        List<Simulation.Failure> failures = sim.runMany(first, histories, 1);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        failures.forEach(f -> System.out.println(f.report("sim")));
        System.out.println("sim (real backend): " + histories + " histories in " + seconds + " s, " + failures.size()
                + " violations, faults: " + counts.summary());
        assertThat(failures.stream().map(f -> f.seed() + ": " + f.violation()).toList()).as("violations").isEmpty();
    }
}
