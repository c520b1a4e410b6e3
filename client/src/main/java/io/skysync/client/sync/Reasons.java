package io.skysync.client.sync;

import io.skysync.client.transfer.LocalErrors;
import java.io.IOException;

/** A failure's reason as one line for the summary: the message, or the operating system's words. */
final class Reasons {
    private Reasons() {
    }

    static String of(Exception e) {
        if (e instanceof IllegalStateException && e.getCause() instanceof Exception inner) {
            return of(inner);
        }
        if (e instanceof IOException io) {
            return LocalErrors.reason(io);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
