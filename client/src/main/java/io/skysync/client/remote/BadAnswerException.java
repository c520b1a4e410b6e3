package io.skysync.client.remote;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;

/**
 * The server answered, but not as the API does: a body that is not JSON of the expected shape,
 * an error without one of the API's codes, an answer larger than the API ever sends. Not a network
 * problem (so never "cannot reach"), and not the caller's mistake.
 */
public final class BadAnswerException extends SkysyncException {
    public BadAnswerException(String message) {
        super(ErrorCode.UNAVAILABLE, message);
    }

    public BadAnswerException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }
}
