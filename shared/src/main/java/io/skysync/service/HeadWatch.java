package io.skysync.service;

import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import java.time.Duration;

/**
 * Lets {@code GET /changes?wait=} answer as soon as a vault's head moves: the service tells it of
 * every commit ({@link #moved}) and asks it to wait for the next one ({@link #awaitPast}). Where a
 * wait would be billed by the second (a Lambda, a Function), a deployment uses {@link #NONE}: it
 * never waits and clients poll instead (docs/watch.md has the cost of each choice).
 */
public interface HeadWatch {

    /** Never waits: {@code wait} is granted as 0 and every {@code /changes} answers at once. */
    HeadWatch NONE = new HeadWatch() {
        @Override
        public Duration maxWait() {
            return Duration.ZERO;
        }

        @Override
        public boolean awaitPast(VaultId vault, Seq since, Duration timeout) {
            return false;
        }

        @Override
        public void moved(VaultId vault, Seq head) {
            // Nobody waits, so nobody is told.
        }
    };

    /** The longest wait this deployment grants; zero if it never waits. */
    Duration maxWait();

    /**
     * Blocks until a commit moved {@code vault}'s head past {@code since}, or {@code timeout}
     * passed, or the watch is too busy or closing (it then answers at once).
     *
     * @return true if the head moved past {@code since}; false otherwise, and when interrupted
     *         (the interrupt flag is kept)
     */
    boolean awaitPast(VaultId vault, Seq since, Duration timeout);

    /** A commit made {@code head} the vault's head (or an older seq: a retried commit; ignored). */
    void moved(VaultId vault, Seq head);

    /** {@code requested} bounded by {@link #maxWait()}. */
    default Duration grant(Duration requested) {
        return requested.compareTo(maxWait()) < 0 ? requested : maxWait();
    }
}
