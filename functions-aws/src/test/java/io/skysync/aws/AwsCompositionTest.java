package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsCompositionTest {
    private static final Map<String, String> LOCAL = Map.of(
            "SKYSYNC_TABLE", "t",
            "SKYSYNC_BUCKET", "b",
            "SKYSYNC_DYNAMODB_ENDPOINT", "http://127.0.0.1:1",
            "SKYSYNC_S3_ENDPOINT", "http://127.0.0.1:2");

    @Test
    void fromEnvironment_localEndpointsWithoutRegion_buildsARouterWithoutTouchingTheNetwork() {
        AwsComposition composition = AwsComposition.fromEnvironment(LOCAL);

        ApiResponse health = composition.router().handle(new ApiRequest("GET", "/v1/health", Map.of(), Map.of(), null));

        assertThat(health.status()).isEqualTo(200);
        assertThat(composition.dynamoDb().serviceClientConfiguration().endpointOverride()).hasValueSatisfying(
                uri -> assertThat(uri.getPort()).isEqualTo(1));
        assertThat(composition.s3().serviceClientConfiguration().endpointOverride()).hasValueSatisfying(
                uri -> assertThat(uri.getPort()).isEqualTo(2));
    }

    @Test
    void fromEnvironment_withoutTable_failsNamingTheVariable() {
        assertThatThrownBy(() -> AwsComposition.fromEnvironment(Map.of("SKYSYNC_BUCKET", "b", "AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKYSYNC_TABLE is not set");
    }

    @Test
    void fromEnvironment_noRegionAndNoEndpoint_failsSayingWhatToSet() {
        assertThatThrownBy(() -> AwsComposition.fromEnvironment(Map.of("SKYSYNC_TABLE", "t", "SKYSYNC_BUCKET", "b")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
    }

    @Test
    void fromEnvironment_unknownUploadIntegrity_failsListingTheChoices() {
        Map<String, String> env = new java.util.HashMap<>(LOCAL);
        env.put("SKYSYNC_UPLOAD_INTEGRITY", "crc32");

        assertThatThrownBy(() -> AwsComposition.fromEnvironment(env))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("signed_sha256").hasMessageContaining("content_md5");
    }
}
