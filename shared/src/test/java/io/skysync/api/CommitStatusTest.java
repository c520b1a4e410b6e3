package io.skysync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommitStatusTest {

    @ParameterizedTest
    @CsvSource({"COMMITTED, committed", "CONFLICT, conflict", "MISSING_BLOB, missing_blob"})
    void wireName_isTheDocumentedOne_andReadsBack(CommitStatus status, String wire) throws Exception {
        assertThat(status.wireName()).isEqualTo(wire);
        assertThat(CommitStatus.fromWireName(wire)).isEqualTo(status);
        String json = new String(ApiJson.write(new CommitResultDto("a", status, 1L, 2L, null)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\":\"" + wire + "\"");
        assertThat(ApiJson.mapper().readValue(json, CommitResultDto.class).status()).isEqualTo(status);
    }

    @Test
    void fromWireName_unknownOrUpperCase_isRefused() {
        assertThatThrownBy(() -> CommitStatus.fromWireName("COMMITTED")).isInstanceOf(SkysyncException.class);
        assertThatThrownBy(() -> CommitStatus.fromWireName("ok")).isInstanceOf(SkysyncException.class);
    }
}
