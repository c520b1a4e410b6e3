package io.skysync.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The check agrees with the SDK's own signer, and refuses what DynamoDB refuses. */
class SignatureV4CheckTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final String KEY = "SKYSYNCABCDEFGHIJKLM";
    private static final String SECRET = "0123456789012345678901234567890123456789";
    private final SignatureV4Check check = new SignatureV4Check(KEY, SECRET, "us-east-1", "dynamodb");

    @Test
    void check_requestSignedBySdk_isAccepted() {
        Signed signed = sign(KEY, SECRET, "/", "", "{\"TableName\":\"t\"}", NOW);

        assertThat(verify(signed, NOW)).isEmpty();
    }

    @Test
    void check_pathAndQueryNeedingEncoding_isAccepted() {
        Signed signed = sign(KEY, SECRET, "/a%20b/c", "b=2&a=x%20y&a=1", "", NOW);

        assertThat(verify(signed, NOW)).isEmpty();
    }

    @Test
    void check_bodyChangedAfterSigning_isRefused() {
        Signed signed = sign(KEY, SECRET, "/", "", "{\"v\":\"mine\"}", NOW);

        assertThat(check.check("POST", "/", "", signed::header, "{\"v\":\"theirs\"}".getBytes(StandardCharsets.UTF_8), NOW))
                .map(SignatureV4Check.Refusal::type).contains("InvalidSignatureException");
    }

    @Test
    void check_otherKeysOrNoSignature_areRefusedWithDynamoDbsErrorTypes() {
        assertThat(verify(sign("local", "local", "/", "", "{}", NOW), NOW)).map(SignatureV4Check.Refusal::type)
                .contains("UnrecognizedClientException");
        assertThat(verify(sign(KEY, "not-the-secret", "/", "", "{}", NOW), NOW)).map(SignatureV4Check.Refusal::type)
                .contains("InvalidSignatureException");
        assertThat(check.check("POST", "/", "", name -> List.of(), new byte[0], NOW)).map(SignatureV4Check.Refusal::type)
                .contains("MissingAuthenticationTokenException");
        assertThat(check.check("POST", "/", "", name -> name.equals("authorization") ? List.of("Bearer x") : List.of(),
                new byte[0], NOW)).map(SignatureV4Check.Refusal::type).contains("IncompleteSignatureException");
    }

    @Test
    void check_signedLongAgoOrInTheFuture_isRefused() {
        Signed old = sign(KEY, SECRET, "/", "", "{}", NOW.minus(Duration.ofMinutes(16)));
        Signed future = sign(KEY, SECRET, "/", "", "{}", NOW.plus(Duration.ofMinutes(16)));
        Signed recent = sign(KEY, SECRET, "/", "", "{}", NOW.minus(Duration.ofMinutes(14)));

        assertThat(verify(old, NOW)).map(SignatureV4Check.Refusal::message).hasValueSatisfying(m -> assertThat(m).contains("expired"));
        assertThat(verify(future, NOW)).isPresent();
        assertThat(verify(recent, NOW)).isEmpty();
    }

    private Optional<SignatureV4Check.Refusal> verify(Signed signed, Instant now) {
        return check.check("POST", signed.path(), signed.query(), signed::header, signed.body().getBytes(StandardCharsets.UTF_8), now);
    }

    private record Signed(Map<String, List<String>> headers, String path, String query, String body) {
        List<String> header(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    private static Signed sign(String key, String secret, String path, String query, String body, Instant at) {
        URI uri = URI.create("http://127.0.0.1:45678" + path + (query.isEmpty() ? "" : "?" + query));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.Scan").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        Map<String, List<String>> headers = new TreeMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new Signed(headers, signed.request().encodedPath(), signed.request().encodedQueryParameters().orElse(""), body);
    }
}
