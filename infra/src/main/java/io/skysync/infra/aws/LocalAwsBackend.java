package io.skysync.infra.aws;

import io.skysync.aws.AwsComposition;
import io.skysync.aws.DynamoDbManifestStore;
import io.skysync.aws.SkysyncLambdaHandler;
import io.skysync.aws.UploadIntegrity;
import io.skysync.emulators.DynamoDbLocalEmulator;
import io.skysync.emulators.RequestCounter;
import io.skysync.emulators.S3ProxyEmulator;
import io.skysync.infra.DataFolder;
import io.skysync.infra.LocalBackendHost;
import io.skysync.infra.LocalLimits;
import io.skysync.spi.LocalBackend;
import io.skysync.spi.LocalInstance;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS flavour of the embedded local backend: the real Lambda handler ({@link SkysyncLambdaHandler})
 * served on {@code http://127.0.0.1:<port>} as API Gateway would invoke it, over DynamoDB Local and
 * S3Proxy started in this JVM. Presigned URLs point at S3Proxy's own loopback port, so the bytes go
 * straight to "storage", as they do on AWS.
 *
 * <p>The data folder (see {@link DataFolder} for {@code lock}, {@code bootstrap-secret} and
 * {@code endpoint}) holds {@code dynamodb/shared-local-instance.db} (with its write-ahead log; table {@value #TABLE}) and
 * {@code s3/<bucket>/...} (bucket {@value #BUCKET}, one file per blob). Both persist across restarts.
 *
 * <p>{@link #counters()} reports what the requests served so far would cost in the cloud:
 * <ul>
 *   <li>{@code function.invocations} and {@code function.invocations[POST /v1/vaults/{vault}/plan]} etc.</li>
 *   <li>{@code dynamodb.operations} and {@code dynamodb.operations[GetItem]} etc.</li>
 *   <li>{@code s3.requests} and {@code s3.requests[PutObject]} etc. (presigned requests included)</li>
 * </ul>
 * The same map is served at {@code GET /_local/counters}; {@code POST /_local/counters/reset} and
 * {@link #resetCounters()} set it to zero. Table and bucket set-up at start are not counted.
 */
public final class LocalAwsBackend implements LocalBackend {
    public static final String TABLE = "skysync";
    public static final String BUCKET = "skysync";
    static final String FLAVOUR = "aws";

    private final LocalBackendHost host;
    private final DynamoDbLocalEmulator dynamoDb;
    private final S3ProxyEmulator s3;

    private LocalAwsBackend(LocalBackendHost host, DynamoDbLocalEmulator dynamoDb, S3ProxyEmulator s3) {
        this.host = host;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
    }

    /**
     * Starts the emulators and the backend.
     *
     * @param dataDir where the stores persist; created if missing; locked while the backend runs
     * @param port    the API port on 127.0.0.1, or 0 for any free one
     * @throws IllegalStateException if another backend has the data folder open, or the port is taken
     */
    public static LocalAwsBackend start(Path dataDir, int port) {
        LocalBackendHost host = LocalBackendHost.open(dataDir, FLAVOUR);
        try {
            Emulators emulators = Emulators.start(host.storeFolder("dynamodb"), host.storeFolder("s3"));
            LocalAwsBackend backend = new LocalAwsBackend(host, host.closeLater(emulators.dynamoDb()),
                    host.closeLater(emulators.s3()));
            backend.serve(port);
            return backend;
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private void serve(int port) {
        RequestCounter invocations = new RequestCounter();
        host.count("function.invocations", invocations::snapshot, invocations::reset);
        host.count("dynamodb.operations", dynamoDb::operationCounts, dynamoDb::resetCounts);
        host.count("s3.requests", s3::requestCounts, s3::resetCounts);
        // The same wiring as in AWS (pairing codes, the clean-up guard), over the emulators' clients.
        AwsComposition aws = AwsComposition.wire(dynamoDb.client(), s3.client(), s3.presigner(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())), TABLE, BUCKET,
                UploadIntegrity.SIGNED_SHA256, LocalLimits.config(host.bootstrapSecret()), host.headWatch());
        SkysyncLambdaHandler function = new SkysyncLambdaHandler(aws.router());
        host.serve(port, new LambdaHttpBridge(function, invocations, Clock.systemUTC()));
    }

    @Override
    public URI endpoint() {
        return host.endpoint();
    }

    @Override
    public String bootstrapSecret() {
        return host.bootstrapSecret();
    }

    /** The secret of this start, from which the counters key is derived ({@link LocalInstance}). */
    public String instanceSecret() {
        return host.instanceSecret();
    }

    @Override
    public Map<String, Long> counters() {
        return host.counters();
    }

    @Override
    public Duration idle() {
        return host.idle();
    }

    public void resetCounters() {
        host.resetCounters();
    }

    /** The DynamoDB Local behind the function, for tests that read the table back. */
    public DynamoDbLocalEmulator dynamoDb() {
        return dynamoDb;
    }

    /** The S3Proxy behind the function, for tests that read the bucket back. */
    public S3ProxyEmulator s3() {
        return s3;
    }

    /** How many {@code GET /changes?wait=} requests wait for a commit right now (tests wait for one to). */
    public int waitingRequests() {
        return host.waitingRequests();
    }

    public Duration startupTime() {
        return host.startupTime();
    }

    /** Stops serving, stops the emulators (their data stays on disk), and releases the data folder. */
    @Override
    public void close() {
        host.close();
    }

    @Override
    public String toString() {
        return host.toString();
    }

    /**
     * Both stand-ins, each started and given its table or bucket in its own thread: each takes one
     * to three seconds, mostly class loading and the first request, so in parallel they cost the
     * slower one.
     */
    private record Emulators(DynamoDbLocalEmulator dynamoDb, S3ProxyEmulator s3) {
        static Emulators start(Path dynamoDbDir, Path s3Dir) {
            // A thread of its own with this class's loader as its context: the common pool's threads carry
            // the system loader, from which the backend's libraries are not visible when a launcher
            // loads the backend jar into a class loader of its own (docs/architecture-local-backend.md).
            Executor starter = task -> {
                Thread thread = new Thread(task, "skysync-dynamodb-start");
                thread.setContextClassLoader(LocalAwsBackend.class.getClassLoader());
                thread.setDaemon(true);
                thread.start();
            };
            CompletableFuture<DynamoDbLocalEmulator> dynamoDb = CompletableFuture.supplyAsync(() -> {
                DynamoDbLocalEmulator emulator = DynamoDbLocalEmulator.start(dynamoDbDir);
                try {
                    DynamoDbManifestStore.createTable(emulator.client(), TABLE);
                } catch (RuntimeException e) {
                    emulator.close();
                    throw e;
                }
                return emulator;
            }, starter);
            S3ProxyEmulator s3 = null;
            try {
                s3 = S3ProxyEmulator.start(s3Dir);
                s3.createBucket(BUCKET);
                return new Emulators(dynamoDb.join(), s3);
            } catch (RuntimeException e) {
                if (s3 != null) {
                    s3.close();
                }
                dynamoDb.thenAccept(DynamoDbLocalEmulator::close);
                throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }
}
