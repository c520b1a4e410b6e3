package io.skysync.http;

import io.skysync.api.ApiJson;
import io.skysync.api.ErrorBody;
import io.skysync.error.ErrorCode;
import java.util.Map;

/** A platform-neutral HTTP response; every body is JSON. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    private static final Map<String, String> JSON = Map.of(
            "Content-Type", "application/json; charset=utf-8",
            "Cache-Control", "no-store");

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, ApiJson.write(value));
    }

    public static ApiResponse error(ErrorCode code, String message) {
        return json(code.status(), ErrorBody.of(code, message));
    }
}
