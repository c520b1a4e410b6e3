package io.skysync.client.watch;

import java.time.Duration;

/**
 * Asks the server whether the vault moved past a cursor, waiting up to {@code wait} for it to
 * (a server grants less, or none: then it answers at once). Throws like {@link SyncOnce#run()}.
 */
public interface HeadProbe extends AutoCloseable {

    /** @param since the folder's cursor; {@code wait} is whole seconds, at most 60 */
    Probe probe(long since, Duration wait);

    /** Abandons an ask in progress (it then throws); later asks fail at once. */
    @Override
    void close();

    /**
     * @param cursor  the server's position after the answer's entries ({@code since} if none)
     * @param granted how long the server was willing to wait (zero: it never waits, poll instead)
     */
    record Probe(long cursor, Duration granted) {
    }
}
