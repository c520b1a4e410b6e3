package io.skysync.client.config;

/**
 * A mistake the user can fix (no config, unknown folder, bad option): shown as one sentence, no
 * stack trace, exit code 2.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
