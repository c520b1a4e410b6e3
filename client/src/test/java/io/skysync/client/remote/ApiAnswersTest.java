package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.CommitResponse;
import io.skysync.api.CommitStatus;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ApiAnswersTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void error_everyCodeOfTheApi_isKnownByItsWireName(ErrorCode code) {
        SkysyncException e = ApiAnswers.error(code.status(), bytes("{\"error\":{\"code\":\"" + code.wireName()
                + "\",\"message\":\"m\"}}"), "POST plan");

        assertThat(e.code()).isEqualTo(code);
        assertThat(e).isNotInstanceOf(BadAnswerException.class);
    }

    @ParameterizedTest
    @CsvSource({"401, UNAUTHORIZED", "403, FORBIDDEN", "404, NOT_FOUND", "429, RATE_LIMITED", "500, UNAVAILABLE",
            "502, UNAVAILABLE", "503, UNAVAILABLE"})
    void error_withoutTheApisBody_isJudgedByAnUnambiguousStatus(int status, ErrorCode code) {
        SkysyncException e = ApiAnswers.error(status, bytes("<html>gateway</html>"), "GET changes");

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).contains("HTTP " + status).contains("GET changes");
    }

    @ParameterizedTest
    @CsvSource({"400", "405", "409", "410", "413", "418"})
    void error_withoutTheApisBody_andAnAmbiguousStatus_isABadAnswer(int status) {
        assertThat(ApiAnswers.error(status, bytes(""), "POST commit")).isInstanceOf(BadAnswerException.class);
    }

    @Test
    void value_unknownCommitStatus_isABadAnswer() {
        assertThatThrownBy(() -> ApiAnswers.value(bytes("{\"results\":[{\"path\":\"a\",\"status\":\"maybe\"}]}"),
                CommitResponse.class, "POST commit")).isInstanceOf(BadAnswerException.class);
        assertThat(ApiAnswers.value(bytes("{\"results\":[{\"path\":\"a\",\"status\":\"missing_blob\"}]}"),
                CommitResponse.class, "POST commit").results().get(0).status()).isEqualTo(CommitStatus.MISSING_BLOB);
    }

    @Test
    void known_isOnlyTheApisOwnCodes() {
        assertThat(ApiAnswers.known("cursor_expired")).contains(ErrorCode.CURSOR_EXPIRED);
        assertThat(ApiAnswers.known("internal")).contains(ErrorCode.INTERNAL);
        assertThat(ApiAnswers.known("CURSOR_EXPIRED")).isEmpty();
        assertThat(ApiAnswers.known(null)).isEmpty();
    }
}
