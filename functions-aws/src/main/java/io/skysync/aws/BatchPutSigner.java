package io.skysync.aws;

import io.skysync.domain.ContentHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Presigned PUTs for a batch of blobs at the cost of one trip through the SDK's presigner. That
 * trip (interceptors, endpoint rules, auth-scheme choice, marshalling) costs several milliseconds a
 * URL on a busy small machine, about ten times the signature itself, and {@code upload-urls} asks
 * for up to 1000 URLs at once (docs/performance.md, "Where a first sync's time goes"). So the SDK
 * presigns the batch's first blob, and every other blob is signed from that request with only its
 * key's last segment, its length and its checksum changed, by the SDK's own SigV4 signer, at the
 * same signing time, for the same scope (region and service read from the first URL's credential),
 * with S3's rules (no double encoding, no path normalisation, unsigned payload).
 * {@code BatchPutSignerTest} checks that each URL is the one the presigner makes itself.
 *
 * <p>A first request of another shape than expected (other signed headers or query parameters, a
 * path that does not end with the hash, credentials that changed since) gives no batch: the
 * caller presigns each blob with the SDK, as before.
 */
final class BatchPutSigner {
    private static final Set<String> AUTH_PARAMETERS = Set.of("X-Amz-Algorithm", "X-Amz-Date", "X-Amz-SignedHeaders",
            "X-Amz-Credential", "X-Amz-Expires", "X-Amz-Signature", "X-Amz-Security-Token");
    private static final Set<String> SIGNABLE_HEADERS = Set.of("host", "content-length", "x-amz-checksum-sha256",
            "x-amz-sdk-checksum-algorithm");
    private static final String CHECKSUM = "x-amz-checksum-sha256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** @param credentials the provider the presigner signs with */
    BatchPutSigner(IdentityProvider<? extends AwsCredentialsIdentity> credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** The batch {@code first} (the SDK's presigned PUT of {@code hash}) opens, if it has the expected shape. */
    Optional<Batch> batch(PresignedPutObjectRequest first, ContentHash hash, Duration ttl) {
        SdkHttpRequest request = first.httpRequest();
        Map<String, List<String>> query = request.rawQueryParameters();
        String path = request.encodedPath();
        String[] scope = single(query, "X-Amz-Credential").split("/", -1);
        if (!AUTH_PARAMETERS.containsAll(query.keySet()) || !path.endsWith("/" + hash.hex()) || scope.length != 5
                || !SIGNABLE_HEADERS.containsAll(first.signedHeaders().keySet().stream()
                        .map(name -> name.toLowerCase(Locale.ROOT)).toList())) {
            return Optional.empty();
        }
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(single(query, "X-Amz-Date"), Instant::from);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        if (!identity.accessKeyId().equals(scope[0])) {
            return Optional.empty();
        }
        SdkHttpRequest.Builder unsigned = request.toBuilder();
        AUTH_PARAMETERS.forEach(unsigned::removeQueryParameter);
        return Optional.of(new Batch(unsigned.build(), path.substring(0, path.length() - hash.hex().length()),
                identity, scope[2], scope[3], signedAt, ttl, first.expiration()));
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.size() == 1 ? values.get(0) : "";
    }

    /** The blobs of one batch: same bucket, vault, signing time and expiry as its first. */
    final class Batch {
        private final SdkHttpRequest unsigned;
        private final String pathPrefix;
        private final AwsCredentialsIdentity identity;
        private final String region;
        private final String service;
        private final Clock signingTime;
        private final Duration ttl;
        private final Instant expiration;

        private Batch(SdkHttpRequest unsigned, String pathPrefix, AwsCredentialsIdentity identity, String region,
                      String service, Instant signedAt, Duration ttl, Instant expiration) {
            this.unsigned = unsigned;
            this.pathPrefix = pathPrefix;
            this.identity = identity;
            this.region = region;
            this.service = service;
            this.signingTime = Clock.fixed(signedAt, ZoneOffset.UTC);
            this.ttl = ttl;
            this.expiration = expiration;
        }

        Instant expiration() {
            return expiration;
        }

        /** The signed PUT of {@code hash} at {@code size}: its URL and every header it must be sent with. */
        SdkHttpRequest sign(ContentHash hash, long size) {
            SdkHttpRequest.Builder request = unsigned.toBuilder().encodedPath(pathPrefix + hash.hex())
                    .putHeader("Content-Length", Long.toString(size));
            if (unsigned.firstMatchingHeader(CHECKSUM).isPresent()) {
                request.putHeader(CHECKSUM, hash.base64());
            }
            SdkHttpRequest toSign = request.build();
            return signer.sign(b -> b.identity(identity).request(toSign)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, ttl)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, signingTime)).request();
        }
    }
}
