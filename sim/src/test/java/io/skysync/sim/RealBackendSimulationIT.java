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
 * up here. {@code -Dsim.realHistories=N} sets how many (default 40).
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
        FaultCounts counts = new FaultCounts();
        Simulation sim = new Simulation(seed -> new RealBackendWorld(backend, temp.resolve("histories"), seed,
                Simulation.DEVICES, counts), counts, Simulation.REAL_STEPS,
                "-Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RealBackendSimulationIT");

        List<String> violations = sim.runConfigured("sim (real backend)", "sim.realHistories", 40, 1);

        assertThat(violations).as("violations").isEmpty();
        assertThat(counts.get(FaultKind.CRASH)).as("crashes injected").isPositive();
    }
}
