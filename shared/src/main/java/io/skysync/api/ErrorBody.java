package io.skysync.api;

import io.skysync.error.ErrorCode;

/** {@code {"error": {"code": "...", "message": "..."}}}. */
public record ErrorBody(Detail error) {
    public record Detail(String code, String message) {
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new Detail(code.wireName(), message));
    }
}
