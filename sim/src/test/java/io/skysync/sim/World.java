package io.skysync.sim;

import io.skysync.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where a history runs: the devices, the clock, the faults, and the server's state as ground truth. */
interface World extends AutoCloseable {

    List<SimDevice> devices();

    MutableClock clock();

    FaultPlan faults();

    /** The server's live files: NFC path to SHA-256 hex. */
    Map<String, String> serverTree();

    /** The server's live files: NFC path to modification time (milliseconds). */
    Map<String, Long> serverTimes();

    /** NFC path of every live folder entry. */
    Set<String> serverFolders();

    /** Every content the server keeps for one path (current version and history). */
    Set<String> serverHistory(String path);

    /** Time passes on the server side (hours): the daily clean-up may run. */
    void idle(Duration duration);

    /** After each sync of {@code device}: what the world does then (a revoked device joins again); a violation, or null. */
    default String afterSync(SimDevice device) {
        return null;
    }

    /** Null if nothing was written outside device {@code id}'s sync root; else what was. */
    String outsideRoot(int id);

    @Override
    void close();
}
