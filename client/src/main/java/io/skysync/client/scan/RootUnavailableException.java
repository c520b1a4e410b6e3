package io.skysync.client.scan;

import java.nio.file.Path;

/** The sync root is missing or unreadable (an unmounted drive, a removed folder): sync must not go on. */
public final class RootUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RootUnavailableException(Path root) {
        super("the folder " + root + " is missing or unreadable (is the drive mounted?); nothing was changed");
    }
}
