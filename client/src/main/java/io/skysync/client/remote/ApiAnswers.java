package io.skysync.client.remote;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.api.ApiJson;
import io.skysync.api.ErrorBody;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the API's answers into values or errors. An error is known by its JSON {@code code}; an
 * answer without one is judged by its status only where the status alone is unambiguous (401,
 * 403, 404, 429, 5xx), and otherwise reported as a bad answer, never guessed (a proxy's 400 page
 * is not an invalid hash).
 */
final class ApiAnswers {
    /** Reading is lenient about fields a newer server adds; writing uses the API's own mapper. */
    private static final ObjectMapper READER = ApiJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<Integer, ErrorCode> BY_STATUS = Map.of(401, ErrorCode.UNAUTHORIZED,
            403, ErrorCode.FORBIDDEN, 404, ErrorCode.NOT_FOUND, 429, ErrorCode.RATE_LIMITED);

    private ApiAnswers() {
    }

    static <T> T value(byte[] body, Class<T> type, String call) {
        try {
            T value = READER.readValue(body, type);
            if (value == null) {
                throw new BadAnswerException("the server answered " + call + " with null instead of " + what(type));
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw new BadAnswerException("the server's answer to " + call + " is not the API's " + what(type) + " ("
                    + firstLine(e.getMessage()) + "); is the endpoint a skysync API of this version?", e);
        }
    }

    static SkysyncException error(int status, byte[] body, String call) {
        Optional<ErrorBody.Detail> detail = detail(body);
        Optional<ErrorCode> code = detail.map(ErrorBody.Detail::code).flatMap(ApiAnswers::known);
        if (code.isPresent()) {
            String message = detail.get().message();
            return new SkysyncException(code.get(), message == null || message.isBlank() ? "HTTP " + status : message);
        }
        ErrorCode byStatus = status >= 500 ? ErrorCode.UNAVAILABLE : BY_STATUS.get(status);
        String said = detail.map(d -> " (code \"" + d.code() + "\")").orElse(" without the API's error body");
        if (byStatus != null) {
            return new SkysyncException(byStatus, "the server answered " + call + " with HTTP " + status + said);
        }
        return new BadAnswerException("the server answered " + call + " with HTTP " + status + said
                + "; is the endpoint a skysync API of this version?");
    }

    static Optional<ErrorCode> known(String wire) {
        ErrorCode code = ErrorCode.fromWireName(wire);
        return code.wireName().equals(wire) ? Optional.of(code) : Optional.empty();
    }

    private static Optional<ErrorBody.Detail> detail(byte[] body) {
        try {
            ErrorBody parsed = READER.readValue(body, ErrorBody.class);
            return parsed == null || parsed.error() == null || parsed.error().code() == null ? Optional.empty()
                    : Optional.of(parsed.error());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String what(Class<?> type) {
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
