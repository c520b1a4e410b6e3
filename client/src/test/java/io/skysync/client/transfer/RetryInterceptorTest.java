package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's one retry policy, against MockWebServer: script, run, count the requests. */
class RetryInterceptorTest {
    private MockWebServer server;
    private final List<Duration> waits = new ArrayList<>();
    private OkHttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        http = RetryInterceptor.around(new OkHttpClient(),
                new Backoff(4, Duration.ofMillis(100), Duration.ofSeconds(5), new Random(3), waits::add));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private int get() throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(server.url("/x")).build()).execute()) {
            return response.code();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void status_worthRetrying_isSentAgainUntilItWorks(int status) throws IOException {
        server.enqueue(new MockResponse().setResponseCode(status));
        server.enqueue(new MockResponse().setResponseCode(200));

        assertThat(get()).isEqualTo(200);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waits).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 410, 501})
    void status_thatTheCallerMustRead_isReturnedAtOnce(int status) throws IOException {
        server.enqueue(new MockResponse().setResponseCode(status));

        assertThat(get()).isEqualTo(status);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void retryAfter_longerThanTheBackoff_isHonoured() throws IOException {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3"));
        server.enqueue(new MockResponse().setResponseCode(200));

        get();

        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void serverErrorEveryTime_returnsTheLastAnswerAfterTheAttempts() throws IOException {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setResponseCode(503));
        }

        assertThat(get()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(waits).hasSize(3);
    }

    @Test
    void droppedConnection_isRetried_andAfterTheAttemptsSaysHowMany() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        }

        assertThatThrownBy(this::get).isInstanceOf(RetryInterceptor.NetworkException.class)
                .hasMessageContaining("after 4 attempts");
        assertThat(waits).hasSize(3);
    }

    @Test
    void localFileFailure_isNeverRetried() {
        server.enqueue(new MockResponse().setResponseCode(200));
        RequestBody failing = new RequestBody() {
            @Override
            public MediaType contentType() {
                return null;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                throw new LocalIoException("cannot read f: Permission denied");
            }
        };

        assertThatThrownBy(() -> http.newCall(new Request.Builder().url(server.url("/x")).put(failing).build()).execute())
                .isInstanceOf(LocalIoException.class).hasMessageContaining("Permission denied");
        assertThat(waits).isEmpty();
    }

    @Test
    void around_putsThePolicyFirst_soFaultsBelowItAreRetried() throws IOException {
        server.enqueue(new MockResponse().setResponseCode(200));
        int[] faults = {2};
        Interceptor flaky = chain -> {
            if (faults[0]-- > 0) {
                throw new IOException("injected reset");
            }
            return chain.proceed(chain.request());
        };
        OkHttpClient withFaults = RetryInterceptor.around(new OkHttpClient.Builder().addInterceptor(flaky).build(),
                new Backoff(4, Duration.ofMillis(1), Duration.ofMillis(2), new Random(1), waits::add));

        try (Response response = withFaults.newCall(new Request.Builder().url(server.url("/x")).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        assertThat(waits).hasSize(2);
        assertThat(withFaults.interceptors()).first().isInstanceOf(RetryInterceptor.class);
        assertThat(RetryInterceptor.around(withFaults, Backoff.standard()).interceptors())
                .filteredOn(i -> i instanceof RetryInterceptor).hasSize(1);
    }

    @Test
    void cancelledCall_isNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(200).setHeadersDelay(2, TimeUnit.SECONDS));
        var call = http.newCall(new Request.Builder().url(server.url("/x")).build());
        call.cancel();

        assertThatThrownBy(call::execute).isInstanceOf(IOException.class);
        assertThat(waits).isEmpty();
    }
}
