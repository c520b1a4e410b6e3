package io.skysync.aws;

import io.skysync.http.ApiRouter;
import io.skysync.service.BlobRepairs;
import io.skysync.service.HeadWatch;
import io.skysync.service.MarkedBlobGuard;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The one place of the AWS flavour that reads environment variables, and wires the function:
 * <ul>
 *   <li>{@code SKYSYNC_TABLE}, {@code SKYSYNC_BUCKET}: the manifest table and the blob bucket (required)</li>
 *   <li>{@code SKYSYNC_BOOTSTRAP_SECRET}: may create vaults; unset or blank disables vault creation</li>
 *   <li>{@code SKYSYNC_AWS_ENDPOINT}: an endpoint override for both services (LocalStack); S3 then uses path-style URLs</li>
 *   <li>{@code SKYSYNC_DYNAMODB_ENDPOINT}, {@code SKYSYNC_S3_ENDPOINT}: per-service overrides, which win over
 *       {@code SKYSYNC_AWS_ENDPOINT} (DynamoDB Local and S3Proxy listen on different ports)</li>
 *   <li>{@code SKYSYNC_UPLOAD_INTEGRITY}: {@code signed_sha256} (default) or {@code content_md5}, see {@link UploadIntegrity}</li>
 *   <li>{@code AWS_REGION}: set by Lambda; required unless an endpoint override is given</li>
 * </ul>
 * Clients use the url-connection HTTP client (fastest cold start, see docs/aws.md) and the default
 * credentials chain, which also covers the container credentials a SnapStart function gets.
 */
public final class AwsComposition {
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final DynamoDbManifestStore manifest;
    private final S3BlobStore blobs;
    private final ApiRouter router;
    private final RetentionJob cleanup;

    private AwsComposition(DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner, DynamoDbManifestStore manifest,
                           S3BlobStore blobs, ApiRouter router, RetentionJob cleanup) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.presigner = presigner;
        this.manifest = manifest;
        this.blobs = blobs;
        this.router = router;
        this.cleanup = cleanup;
    }

    public static AwsComposition fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Builds from the given variables instead of the process environment (tests, tools). */
    public static AwsComposition fromEnvironment(Map<String, String> env) {
        String table = required(env, "SKYSYNC_TABLE");
        String bucket = required(env, "SKYSYNC_BUCKET");
        Optional<URI> endpoint = optional(env, "SKYSYNC_AWS_ENDPOINT").map(URI::create);
        Optional<URI> dynamoDbEndpoint = optional(env, "SKYSYNC_DYNAMODB_ENDPOINT").map(URI::create).or(() -> endpoint);
        Optional<URI> s3Endpoint = optional(env, "SKYSYNC_S3_ENDPOINT").map(URI::create).or(() -> endpoint);
        Region region = optional(env, "AWS_REGION").map(Region::of)
                .or(() -> dynamoDbEndpoint.or(() -> s3Endpoint).map(e -> Region.US_EAST_1))
                .orElseThrow(() -> new IllegalStateException(
                        "AWS_REGION is not set: set it (Lambda sets it) or set SKYSYNC_AWS_ENDPOINT for a local endpoint"));
        UploadIntegrity integrity = optional(env, "SKYSYNC_UPLOAD_INTEGRITY")
                .map(AwsComposition::integrity)
                .orElse(UploadIntegrity.SIGNED_SHA256);

        var credentials = DefaultCredentialsProvider.builder().build();
        var dynamoDbBuilder = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        var s3Builder = S3Client.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        var presignerBuilder = S3Presigner.builder().region(region).credentialsProvider(credentials);
        dynamoDbEndpoint.ifPresent(dynamoDbBuilder::endpointOverride);
        s3Endpoint.ifPresent(uri -> {
            s3Builder.endpointOverride(uri).forcePathStyle(true);
            presignerBuilder.endpointOverride(uri)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        });
        DynamoDbClient dynamoDb = dynamoDbBuilder.build();
        S3Client s3 = s3Builder.build();
        S3Presigner presigner = presignerBuilder.build();
        var config = ServiceConfig.withBootstrapSecret(env.get("SKYSYNC_BOOTSTRAP_SECRET"));
        config = optional(env, ServiceConfig.MAX_UPLOAD_VARIABLE).map(Long::parseLong).map(config::withMaxUploadBytes)
                .orElse(config);
        return wire(dynamoDb, s3, presigner, credentials, table, bucket, integrity, config, HeadWatch.NONE);
    }

    /** Wires the service over clients built elsewhere (tests); {@code GET /changes} never waits, as on AWS. */
    public static AwsComposition wire(DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner, String table,
                                      String bucket, UploadIntegrity integrity, ServiceConfig config) {
        return wire(dynamoDb, s3, presigner, table, bucket, integrity, config, HeadWatch.NONE);
    }

    /**
     * As above, with {@code heads} answering {@code GET /changes?wait=}: the local backend, whose
     * commits all pass through one process. A Lambda billed while it waits is not cheap, so the
     * deployed function never waits (docs/watch.md).
     */
    public static AwsComposition wire(DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner, String table,
                                      String bucket, UploadIntegrity integrity, ServiceConfig config, HeadWatch heads) {
        return wire(dynamoDb, s3, presigner, new S3BlobStore(s3, presigner, bucket, integrity), table, bucket, integrity,
                config, heads);
    }

    /**
     * As above, given the credentials {@code presigner} signs with: an {@code upload-urls} call then
     * costs one trip through the presigner, not one per URL ({@link BatchPutSigner}). The function
     * and the local backend are wired this way.
     */
    public static AwsComposition wire(DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner,
                                      IdentityProvider<? extends AwsCredentialsIdentity> presignerCredentials, String table,
                                      String bucket, UploadIntegrity integrity, ServiceConfig config, HeadWatch heads) {
        return wire(dynamoDb, s3, presigner, new S3BlobStore(s3, presigner, presignerCredentials, bucket, integrity), table,
                bucket, integrity, config, heads);
    }

    private static AwsComposition wire(DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner, S3BlobStore blobs,
                                       String table, String bucket, UploadIntegrity integrity, ServiceConfig config,
                                       HeadWatch heads) {
        var manifest = new DynamoDbManifestStore(dynamoDb, table);
        var retention = new DynamoDbRetentionStore(dynamoDb, table);
        var repairs = new BlobRepairs(new S3BlobAudit(s3, presigner, bucket, integrity), new DynamoDbRepairStore(dynamoDb, table),
                retention, manifest, Clock.systemUTC(), config.uploadTtl());
        var service = new SyncService(manifest, blobs, Clock.systemUTC(), Tokens.secure(), config,
                new DynamoDbPairingStore(dynamoDb, table), new MarkedBlobGuard(retention), repairs, heads);
        var cleanup = new RetentionJob(manifest, retention, new S3BlobSweeper(s3, bucket), Clock.systemUTC(),
                RetentionPolicy.DEFAULT, repairs, UUID.randomUUID().toString());
        return new AwsComposition(dynamoDb, s3, presigner, manifest, blobs, new ApiRouter(service), cleanup);
    }

    public ApiRouter router() {
        return router;
    }

    /** The scheduled clean-up over the same table and bucket ({@link RetentionHandler}). */
    public RetentionJob retentionJob() {
        return cleanup;
    }

    public DynamoDbManifestStore manifest() {
        return manifest;
    }

    public S3BlobStore blobs() {
        return blobs;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public S3Client s3() {
        return s3;
    }

    public S3Presigner presigner() {
        return presigner;
    }

    private static UploadIntegrity integrity(String value) {
        for (UploadIntegrity candidate : UploadIntegrity.values()) {
            if (candidate.name().equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new IllegalStateException("SKYSYNC_UPLOAD_INTEGRITY is \"" + value
                + "\": use signed_sha256 (the default) or content_md5");
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalStateException(
                name + " is not set: template.yaml sets it on the function; set it for a local run"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
