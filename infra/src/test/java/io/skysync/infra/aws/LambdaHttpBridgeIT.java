package io.skysync.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.skysync.emulators.RequestCounter;
import io.skysync.infra.LoopbackHttpServer;
import io.skysync.spi.LocalInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP-to-Lambda translation, checked with a function that records the event it gets. */
class LambdaHttpBridgeIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final AtomicReference<APIGatewayV2HTTPEvent> SEEN = new AtomicReference<>();
    private static final AtomicReference<APIGatewayV2HTTPResponse> ANSWER = new AtomicReference<>();
    private static final RequestCounter INVOCATIONS = new RequestCounter();
    private static final String SECRET = LocalInstance.newSecret();
    private static LoopbackHttpServer server;

    @BeforeAll
    static void start() {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function = (event, context) -> {
            SEEN.set(event);
            if (ANSWER.get() == null) {
                throw new IllegalStateException("boom");
            }
            return ANSWER.get();
        };
        server = LoopbackHttpServer.start(0, new LambdaHttpBridge(function, INVOCATIONS, Clock.systemUTC()), SECRET,
                INVOCATIONS::snapshot, INVOCATIONS::reset);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void answerOk() {
        ANSWER.set(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}").build());
        INVOCATIONS.reset();
    }

    @Test
    void get_becomesAVersion2EventWithRawPathQueryLowerCaseHeadersAndCookies() throws Exception {
        send(HttpRequest.newBuilder(uri("/v1/vaults/v/files/a%2Fb.txt/history?limit=5&after=x%20y"))
                .header("X-Custom-Header", "Value").header("Cookie", "a=1; b=2").GET());

        APIGatewayV2HTTPEvent event = SEEN.get();
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("$default");
        assertThat(event.getRawPath()).isEqualTo("/v1/vaults/v/files/a%2Fb.txt/history");
        assertThat(event.getRawQueryString()).isEqualTo("limit=5&after=x%20y");
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("limit", "5", "after", "x y"));
        assertThat(event.getHeaders()).containsEntry("x-custom-header", "Value").doesNotContainKey("cookie")
                .allSatisfy((name, value) -> assertThat(name).isLowerCase());
        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo("/v1/vaults/v/files/a%2Fb.txt/history");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getRequestId()).isNotBlank();
        assertThat(event.getBody()).isNull();
        assertThat(INVOCATIONS.snapshot()).isEqualTo(Map.of("GET /v1/vaults/{vault}/files/{path}/history", 1L));
    }

    @Test
    void post_jsonBody_travelsAsText() throws Exception {
        send(HttpRequest.newBuilder(uri("/v1/vaults")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"vault\":\"é\"}")));

        assertThat(SEEN.get().getIsBase64Encoded()).isFalse();
        assertThat(SEEN.get().getBody()).isEqualTo("{\"vault\":\"é\"}");
    }

    @Test
    void post_binaryBody_travelsAsBase64() throws Exception {
        byte[] bytes = {0, (byte) 0xff, 10, 13, (byte) 0xc3};
        send(HttpRequest.newBuilder(uri("/v1/vaults")).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));

        assertThat(SEEN.get().getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(SEEN.get().getBody())).isEqualTo(bytes);
    }

    @Test
    void response_statusHeadersAndBase64Body_reachTheCaller() throws Exception {
        ANSWER.set(APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("X-Answer", "yes")).withCookies(List.of("c=3"))
                .withBody(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})).withIsBase64Encoded(true).build());

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v1/health")).GET());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-answer")).contains("yes");
        assertThat(response.headers().firstValue("set-cookie")).contains("c=3");
        assertThat(response.body()).containsExactly(1, 2, 3);
    }

    @Test
    void functionThatThrows_isABare500AsOnApiGateway() throws Exception {
        ANSWER.set(null);

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v1/health")).GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body())).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void localCounters_withTheCountersKey_areServedAndReset() throws Exception {
        send(HttpRequest.newBuilder(uri("/v1/health")).GET());
        String bearer = "Bearer " + LocalInstance.countersKey(SECRET);

        HttpResponse<byte[]> before = send(HttpRequest.newBuilder(uri("/_local/counters")).header("Authorization", bearer).GET());
        HttpResponse<byte[]> reset = send(HttpRequest.newBuilder(uri("/_local/counters/reset")).header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<byte[]> unknown = send(HttpRequest.newBuilder(uri("/_local/other")).GET());

        assertThat(new String(before.body())).isEqualTo("{\"GET /v1/health\":1}");
        assertThat(new String(reset.body())).isEqualTo("{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void localCounters_withTheInstanceSecretItselfOrNothing_areRefused() throws Exception {
        for (String authorization : new String[] {null, "Bearer " + SECRET, "Bearer ", "Basic " + LocalInstance.countersKey(SECRET)}) {
            HttpRequest.Builder read = HttpRequest.newBuilder(uri("/_local/counters")).GET();
            if (authorization != null) {
                read.header("Authorization", authorization);
            }
            assertThat(send(read).statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
        }
    }

    @Test
    void identity_answersTheChallengeForItsOwnEndpointOnly() throws Exception {
        String nonce = LocalInstance.newNonce();

        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri(LocalInstance.IDENTITY_PATH + "?nonce=" + nonce)).GET());
        HttpResponse<byte[]> noNonce = send(HttpRequest.newBuilder(uri(LocalInstance.IDENTITY_PATH)).GET());
        HttpResponse<byte[]> badNonce = send(HttpRequest.newBuilder(uri(LocalInstance.IDENTITY_PATH + "?nonce=short")).GET());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new String(answer.body())).isEqualTo("{\"proof\":\"" + LocalInstance.proof(SECRET, server.endpoint(), nonce) + "\"}")
                .doesNotContain(SECRET);
        assertThat(LocalInstance.proof(SECRET, URI.create("http://127.0.0.1:1"), nonce))
                .isNotEqualTo(LocalInstance.proof(SECRET, server.endpoint(), nonce));
        assertThat(noNonce.statusCode()).isEqualTo(400);
        assertThat(badNonce.statusCode()).isEqualTo(400);
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(server.endpoint() + pathAndQuery);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
