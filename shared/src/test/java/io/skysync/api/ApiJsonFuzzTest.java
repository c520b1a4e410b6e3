package io.skysync.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.List;

/**
 * Fuzzes the strict JSON reader with arbitrary bytes as every request type. It either answers a
 * value that survives a round trip through the API's own writer, or refuses with
 * {@code malformed_json} or {@code invalid_request}: never another exception, never a 5xx.
 *
 * <p>Seeds: {@code src/test/resources/io/skysync/api/ApiJsonFuzzTestInputs/}; the last byte of a
 * seed picks the request type. In a normal build this runs the seeds only; see docs/reliability.md.
 */
class ApiJsonFuzzTest {
    static final List<Class<?>> REQUEST_TYPES = List.of(PlanRequest.class, CommitRequest.class, DownloadUrlsRequest.class,
            CreateVaultRequest.class, AddDeviceRequest.class, PairRequest.class, PairingCodeRequest.class,
            RoleChangeRequest.class);

    @FuzzTest(maxDuration = "10s")
    void read_anyBytesAsAnyRequestType_answersAValueOrA400(FuzzedDataProvider data) {
        Class<?> type = data.pickValue(REQUEST_TYPES);
        byte[] body = data.consumeRemainingAsBytes();
        Object value;
        try {
            value = ApiJson.read(body, type);
        } catch (SkysyncException e) {
            assertThat(e.code()).as(e.getMessage()).isIn(ErrorCode.MALFORMED_JSON, ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(value).isInstanceOf(type);
        assertThat(ApiJson.read(ApiJson.write(value), type)).isEqualTo(value);
    }
}
