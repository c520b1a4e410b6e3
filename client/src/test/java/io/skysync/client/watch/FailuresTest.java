package io.skysync.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.config.UserError;
import io.skysync.client.scan.RootUnavailableException;
import io.skysync.client.sync.SafetyStop;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new SkysyncException(ErrorCode.UNAVAILABLE, "cannot reach 127.0.0.1:1"), Reaction.RETRY),
                Arguments.of(new SkysyncException(ErrorCode.INTERNAL, "boom"), Reaction.RETRY),
                Arguments.of(new SkysyncException(ErrorCode.RATE_LIMITED, "slow down"), Reaction.RETRY),
                Arguments.of(new SkysyncException(ErrorCode.INVALID_PATH, "a hostile server's path"), Reaction.RETRY),
                Arguments.of(new SkysyncException(ErrorCode.UNAUTHORIZED, "unauthorized"), Reaction.REVOKED),
                Arguments.of(new SkysyncException(ErrorCode.FORBIDDEN, "read-only"), Reaction.FATAL),
                Arguments.of(new SkysyncException(ErrorCode.NOT_FOUND, "no such endpoint"), Reaction.FATAL),
                Arguments.of(new RootUnavailableException(Path.of("/mnt/usb")), Reaction.ROOT_GONE),
                Arguments.of(new SafetyStop("would delete 80% of the vault"), Reaction.BLOCKED),
                Arguments.of(new UserError("no device token"), Reaction.FATAL),
                Arguments.of(new IOException("disk full"), Reaction.RETRY),
                Arguments.of(new UncheckedIOException(new IOException("locked")), Reaction.RETRY),
                Arguments.of(new IllegalStateException("a bug"), Reaction.RETRY));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void classify_eachErrorGetsItsReactionAndALine(Exception error, Reaction expected) {
        Failures.Failure failure = Failures.classify(error);

        assertThat(failure.reaction()).isEqualTo(expected);
        assertThat(failure.message()).isNotBlank().doesNotContain("\n");
    }
}
