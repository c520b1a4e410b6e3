package io.skysync.client.watch;

import io.skysync.client.config.UserError;
import io.skysync.client.scan.RootUnavailableException;
import io.skysync.client.sync.SafetyStop;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Sorts the errors of one sync (or one ask for changes) into a {@link Reaction} and a log line. */
final class Failures {
    private Failures() {
    }

    record Failure(Reaction reaction, String message) {
    }

    static Failure classify(Throwable error) {
        if (error instanceof SkysyncException e) {
            int status = e.code().status();
            if (status == 401) {
                return new Failure(Reaction.REVOKED, "the server refused this device's token (the device was revoked, or"
                        + " the token is not one of this vault); to join again, run 'skysync pair' on a device of the"
                        + " vault, then 'skysync join CODE DIR' here");
            }
            if (status == 403 || status == 404 || status == 405) {
                return new Failure(Reaction.FATAL, e.getMessage());
            }
            return new Failure(Reaction.RETRY, e.getMessage());
        }
        if (error instanceof RootUnavailableException) {
            return new Failure(Reaction.ROOT_GONE, error.getMessage());
        }
        if (error instanceof SafetyStop) {
            return new Failure(Reaction.BLOCKED, error.getMessage());
        }
        if (error instanceof UserError) {
            return new Failure(Reaction.FATAL, error.getMessage());
        }
        if (error instanceof IOException || error instanceof UncheckedIOException) {
            return new Failure(Reaction.RETRY, "file system error: " + error.getMessage());
        }
        return new Failure(Reaction.RETRY, "unexpected error: " + error);
    }
}
