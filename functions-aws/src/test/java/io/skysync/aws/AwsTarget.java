package io.skysync.aws;

import io.skysync.emulators.DynamoDbLocalEmulator;
import io.skysync.emulators.S3ProxyEmulator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Where an integration test runs: the local stand-ins (DynamoDB Local and S3Proxy in this JVM), or
 * the endpoint named by {@code SKYSYNC_AWS_ENDPOINT} (LocalStack, or {@code aws} for real AWS with
 * no override) with credentials from the default chain. Each target has a fresh table and bucket.
 */
abstract class AwsTarget implements AutoCloseable {
    static final String ENDPOINT_VARIABLE = "SKYSYNC_AWS_ENDPOINT";

    final String table;
    final String bucket;

    AwsTarget(String table, String bucket) {
        this.table = table;
        this.bucket = bucket;
    }

    abstract DynamoDbClient dynamoDb();

    abstract S3Client s3();

    abstract S3Presigner presigner();

    /** The credentials {@link #presigner()} signs with. */
    abstract AwsCredentialsProvider credentials();

    @Override
    public abstract void close();

    /** DynamoDB Local and S3Proxy, started in this JVM on 127.0.0.1. */
    static AwsTarget emulators() {
        return new Emulators();
    }

    /** The endpoint in {@code SKYSYNC_AWS_ENDPOINT}, or null when it is not set. */
    static AwsTarget endpointIfSet() {
        String endpoint = System.getenv(ENDPOINT_VARIABLE);
        return endpoint == null || endpoint.isBlank() ? null : new Endpoint(endpoint.strip());
    }

    /**
     * Skips the calling test, with the reason, when there is no endpoint. Called per test (not in
     * {@code @BeforeAll}), so every test of the class is reported as skipped, one by one.
     */
    static AwsTarget assumeSet(AwsTarget endpointOrNull) {
        Assumptions.assumeTrue(endpointOrNull != null, ENDPOINT_VARIABLE + " is not set");
        return endpointOrNull;
    }

    /** Every item of the table, as text, in key order: to show that a request changed nothing. */
    List<String> tableSnapshot() {
        List<String> items = new ArrayList<>();
        dynamoDb().scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.add(render(item)));
        items.sort(Comparator.naturalOrder());
        return items;
    }

    /** Every object key and size of the bucket. */
    List<String> bucketSnapshot() {
        List<String> objects = new ArrayList<>();
        s3().listObjectsV2Paginator(b -> b.bucket(bucket)).contents()
                .forEach((S3Object o) -> objects.add(o.key() + " " + o.size()));
        objects.sort(Comparator.naturalOrder());
        return objects;
    }

    private static String render(Map<String, AttributeValue> item) {
        return new TreeMap<>(item).toString();
    }

    static String uniqueName(String prefix) {
        return (prefix + "-" + Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36)).toLowerCase(Locale.ROOT);
    }

    /** DynamoDB Local starts on first use, so a test of S3 alone does not pay for it. */
    private static final class Emulators extends AwsTarget {
        private final S3ProxyEmulator s3;
        private DynamoDbLocalEmulator dynamoDb;

        Emulators() {
            super("skysync", "skysync-blobs");
            this.s3 = S3ProxyEmulator.start(null);
            s3.createBucket(bucket);
        }

        @Override
        synchronized DynamoDbClient dynamoDb() {
            if (dynamoDb == null) {
                dynamoDb = DynamoDbLocalEmulator.start(null);
                DynamoDbManifestStore.createTable(dynamoDb.client(), table);
            }
            return dynamoDb.client();
        }

        @Override
        S3Client s3() {
            return s3.client();
        }

        @Override
        S3Presigner presigner() {
            return s3.presigner();
        }

        @Override
        AwsCredentialsProvider credentials() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        }

        @Override
        public synchronized void close() {
            try {
                s3.close();
            } finally {
                if (dynamoDb != null) {
                    dynamoDb.close();
                }
            }
        }
    }

    /**
     * A real or LocalStack endpoint. Safe on a real account: the table and bucket have fresh random
     * names, are created here (an existing one with that name is refused, never reused), and are
     * emptied and deleted on close, or when the constructor fails half way.
     */
    private static final class Endpoint extends AwsTarget {
        private final DynamoDbClient dynamoDb;
        private final S3Client s3;
        private final S3Presigner presigner;
        private boolean tableCreated;
        private boolean bucketCreated;

        Endpoint(String endpoint) {
            super(resourceName(), resourceName());
            Region region = Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
            // The clients exactly as the function builds them from its environment.
            Map<String, String> env = new HashMap<>(Map.of("SKYSYNC_TABLE", table, "SKYSYNC_BUCKET", bucket,
                    "AWS_REGION", region.id()));
            if (!endpoint.equalsIgnoreCase("aws")) {
                env.put("SKYSYNC_AWS_ENDPOINT", endpoint);
            }
            AwsComposition clients = AwsComposition.fromEnvironment(env);
            this.dynamoDb = clients.dynamoDb();
            this.s3 = clients.s3();
            this.presigner = clients.presigner();
            try {
                createTable();
                createBucket(region);
            } catch (RuntimeException e) {
                try {
                    close();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }

        /** createTable() accepts a table that is already there; a test must never adopt one. */
        private void createTable() {
            try {
                dynamoDb.describeTable(b -> b.tableName(table));
                throw new IllegalStateException("table " + table + " already exists: not touching it");
            } catch (ResourceNotFoundException absent) {
                tableCreated = true;
                DynamoDbManifestStore.createTable(dynamoDb, table);
            }
        }

        /** In us-east-1 S3 answers 200 to creating a bucket the caller already owns: look first. */
        private void createBucket(Region region) {
            try {
                s3.headBucket(b -> b.bucket(bucket));
                throw new IllegalStateException("bucket " + bucket + " already exists: not touching it");
            } catch (NoSuchBucketException absent) {
                if (region.equals(Region.US_EAST_1)) {
                    s3.createBucket(b -> b.bucket(bucket));
                } else {
                    s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(region.id())));
                }
                bucketCreated = true;
            }
        }

        @Override
        DynamoDbClient dynamoDb() {
            return dynamoDb;
        }

        @Override
        S3Client s3() {
            return s3;
        }

        @Override
        S3Presigner presigner() {
            return presigner;
        }

        @Override
        AwsCredentialsProvider credentials() {
            return DefaultCredentialsProvider.builder().build();
        }

        @Override
        public void close() {
            try {
                if (bucketCreated) {
                    s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()
                            .forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
                    s3.deleteBucket(b -> b.bucket(bucket));
                }
            } finally {
                try {
                    if (tableCreated) {
                        dynamoDb.deleteTable(b -> b.tableName(table));
                    }
                } finally {
                    presigner.close();
                    s3.close();
                    dynamoDb.close();
                }
            }
        }

        /** 3 to 63 lowercase characters, valid for a table and a bucket; 60 random bits keep it unique. */
        private static String resourceName() {
            return "skysync-it-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                    + Long.toString(new SecureRandom().nextLong() >>> 4, 36);
        }
    }
}
