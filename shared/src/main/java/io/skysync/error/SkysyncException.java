package io.skysync.error;

/**
 * The one unchecked exception of skysync. Its message is written for the user: what went wrong
 * and, where possible, how to fix it. Each platform maps it to a response in exactly one place.
 */
public class SkysyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public SkysyncException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public SkysyncException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
