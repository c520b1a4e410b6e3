package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.ChangesResponse;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.client.transfer.Backoff;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the API client reads answers: values, the server's error codes, and what is neither. */
class ApiClientTest {
    private MockWebServer server;
    private final List<Duration> waits = new ArrayList<>();
    private ApiClient api;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        api = new ApiClient(new OkHttpClient(), server.url("/").uri(), "device.token",
                new Backoff(3, Duration.ofMillis(10), Duration.ofSeconds(1), new Random(1), waits::add));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private ChangesResponse changes() {
        return api.get(api.url().addPathSegments("v1/vaults/v/changes").build(), ChangesResponse.class);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void get_answer_isReadAndTheTokenSent() throws Exception {
        server.enqueue(json(200, "{\"entries\":[],\"cursor\":7,\"hasMore\":false,\"newField\":1}"));

        ChangesResponse changes = changes();

        assertThat(changes.cursor()).isEqualTo(7);
        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer device.token");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "410, cursor_expired, CURSOR_EXPIRED",
            "403, forbidden, FORBIDDEN",
            "400, invalid_hash, INVALID_HASH",
            "401, unauthorized, UNAUTHORIZED",
            "404, not_found, NOT_FOUND"})
    void call_errorWithTheApisCode_isThatCodeAndMessage(int status, String wire, ErrorCode code) {
        server.enqueue(json(status, "{\"error\":{\"code\":\"" + wire + "\",\"message\":\"the server says why\"}}"));

        assertThatThrownBy(this::changes).isInstanceOfSatisfying(SkysyncException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo("the server says why");
        });
    }

    @Test
    void call_unparseable400_isABadAnswerNotAnInvalidHash() {
        server.enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "text/html")
                .setBody("<html><body>400 Bad Request (a proxy)</body></html>"));

        assertThatThrownBy(this::changes).isInstanceOfSatisfying(BadAnswerException.class, e -> {
            assertThat(e.code()).isNotEqualTo(ErrorCode.INVALID_HASH);
            assertThat(e.getMessage()).contains("HTTP 400").contains("without the API's error body")
                    .doesNotContain("cannot reach");
        });
    }

    @Test
    void call_errorWithAnUnknownCode_isABadAnswerForA400AndByStatusFor401() {
        server.enqueue(json(400, "{\"error\":{\"code\":\"made_up\",\"message\":\"?\"}}"));
        server.enqueue(json(401, "{\"error\":{\"code\":\"made_up\",\"message\":\"?\"}}"));

        assertThatThrownBy(this::changes).isInstanceOf(BadAnswerException.class).hasMessageContaining("made_up");
        assertThatThrownBy(this::changes).isInstanceOfSatisfying(SkysyncException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void call_200WithGarbage_isAMalformedAnswerNotCannotReach() {
        server.enqueue(json(200, "<html>surprise</html>"));

        assertThatThrownBy(this::changes).isInstanceOf(BadAnswerException.class)
                .hasMessageContaining("not the API's ChangesResponse").hasMessageNotContaining("cannot reach");
        assertThat(server.getRequestCount()).as("a bad answer is not retried").isEqualTo(1);
    }

    @Test
    void call_200WithTheWrongShape_isAMalformedAnswer() {
        server.enqueue(json(200, "{\"entries\":\"not a list\"}"));

        assertThatThrownBy(this::changes).isInstanceOf(BadAnswerException.class);
    }

    @Test
    void call_200WithNull_isAMalformedAnswer() {
        server.enqueue(json(200, "null"));

        assertThatThrownBy(this::changes).isInstanceOf(BadAnswerException.class).hasMessageContaining("null");
    }

    @Test
    void call_answerOverTheCap_isRefusedWithoutReadingItAll() {
        Buffer huge = new Buffer();
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 32);
        for (int i = 0; i < 9; i++) {
            huge.write(chunk);
        }
        server.enqueue(new MockResponse().setResponseCode(200).setBody(huge));

        assertThatThrownBy(this::changes).isInstanceOf(BadAnswerException.class).hasMessageContaining("over 8 MiB");
    }

    @Test
    void call_503ThenAnswer_isRetriedByTheOnePolicy() {
        server.enqueue(json(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"busy\"}}").setHeader("Retry-After", "1"));
        server.enqueue(json(200, "{\"entries\":[],\"cursor\":3,\"hasMore\":false}"));

        assertThat(changes().cursor()).isEqualTo(3);
        assertThat(waits).singleElement().satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void call_503EveryTime_endsWithTheServersErrorAfterItsAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"the vault is busy\"}}"));
        }

        assertThatThrownBy(this::changes).isInstanceOfSatisfying(SkysyncException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("the vault is busy");
        });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void call_connectionDroppedEveryTime_saysCannotReachWithTheAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        }

        assertThatThrownBy(this::changes).isInstanceOfSatisfying(SkysyncException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("cannot reach").contains("after 3 attempts");
        });
    }

    @Test
    void call_400IsNeverRetried() {
        server.enqueue(json(400, "{\"error\":{\"code\":\"invalid_request\",\"message\":\"no\"}}"));

        assertThatThrownBy(this::changes).isInstanceOf(SkysyncException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void post_sendsJson() throws Exception {
        server.enqueue(json(200, "{\"uploads\":[]}"));

        api.post(api.url().addPathSegments("v1/vaults/v/upload-urls").build(), Map.of("blobs", List.of()),
                UploadUrlsResponse.class);

        var request = server.takeRequest();
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getBody().readUtf8()).isEqualTo("{\"blobs\":[]}");
    }
}
