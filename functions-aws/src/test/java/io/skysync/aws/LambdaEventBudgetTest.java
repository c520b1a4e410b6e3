package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.service.ServiceConfig;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The largest body the API accepts must still fit Lambda's synchronous invocation payload of
 * 6 MB once API Gateway has wrapped it in an event: base64 (a third more), the headers and the
 * request context. The event is built at its worst and serialized as Lambda receives it (JSON).
 */
class LambdaEventBudgetTest {
    /** Lambda's quota for a synchronous request payload ("6 MB"), read as the smaller 6 MiB. */
    private static final int LAMBDA_SYNC_PAYLOAD = 6 * 1024 * 1024;
    /** An HTTP API accepts at most 10240 bytes of request line and headers together. */
    private static final int HTTP_API_HEADER_BYTES = 10_240;

    @Test
    void largestAcceptedBody_base64InAnEventWithFullHeaders_fitsTheLambdaPayload() throws Exception {
        byte[] body = new byte[ServiceConfig.MAX_BODY_BYTES];
        new Random(1).nextBytes(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("authorization", "Bearer " + "d".repeat(16) + "." + "t".repeat(43));
        headers.put("content-type", "application/json");
        headers.put("x-padding", "p".repeat(HTTP_API_HEADER_BYTES - 200));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("ANY /{proxy+}")
                .withRawPath("/v1/vaults/" + "v".repeat(63) + "/commit").withRawQueryString("")
                .withHeaders(headers).withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString(body))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("123456789012").withApiId("abcdefghij").withDomainName("abcdefghij.execute-api.eu-west-1.amazonaws.com")
                        .withDomainPrefix("abcdefghij").withRequestId("Q1w2E3r4T5y6U7i8=").withRouteKey("ANY /{proxy+}")
                        .withStage("$default").withTime("01/Mar/2026:10:00:00 +0000").withTimeEpoch(1772359200000L)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/v1/vaults/" + "v".repeat(63) + "/commit").withProtocol("HTTP/1.1")
                                .withSourceIp("203.0.113.7").withUserAgent("skysync/0.1.0").build())
                        .build())
                .build();

        int size = new ObjectMapper().writeValueAsBytes(event).length;

        assertThat(size).as("event bytes for a body of %d bytes", body.length).isLessThan(LAMBDA_SYNC_PAYLOAD);
    }
}
