package io.skysync.error;

import java.util.Locale;

/**
 * Every error the API can answer, with its HTTP status. The wire code is the lower-case name,
 * e.g. {@code invalid_path}. A 4xx means the caller did something wrong; a 5xx is a bug or an outage.
 */
public enum ErrorCode {
    INVALID_PATH(400),
    INVALID_HASH(400),
    INVALID_RECIPE(400),
    INVALID_SIZE(400),
    INVALID_VERSION(400),
    INVALID_CURSOR(400),
    INVALID_VAULT(400),
    INVALID_DEVICE(400),
    INVALID_REQUEST(400),
    DUPLICATE_PATH(400),
    TOO_MANY_ENTRIES(400),
    MALFORMED_JSON(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    CURSOR_EXPIRED(410),
    BODY_TOO_LARGE(413),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    INTERNAL(500),
    UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode fromWireName(String wire) {
        for (ErrorCode code : values()) {
            if (code.wireName().equals(wire)) {
                return code;
            }
        }
        return INTERNAL;
    }
}
