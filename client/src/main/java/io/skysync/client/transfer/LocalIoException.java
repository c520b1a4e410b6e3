package io.skysync.client.transfer;

import java.io.IOException;

/**
 * A failure of this machine's disk (a file that changed or vanished while it was sent, a folder
 * that cannot be written), never of the network: it is reported at once, never retried.
 */
public final class LocalIoException extends IOException {
    public LocalIoException(String message, Throwable cause) {
        super(message, cause);
    }

    public LocalIoException(String message) {
        super(message);
    }
}
