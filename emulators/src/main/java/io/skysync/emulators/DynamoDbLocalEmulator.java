package io.skysync.emulators;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local, in this JVM, served on {@code 127.0.0.1} at a free port.
 *
 * <p>Why not DynamoDB Local's own server mode: it binds the wildcard address and has no host
 * option. Why not its embedded mode ({@code DynamoDBEmbedded}): its client is a reflective proxy
 * that skips the SDK's marshalling, retries and interceptors, so code tested against it is not the
 * code that talks to AWS. Instead we put DynamoDB Local's own request handler (the one its server
 * mode uses) behind our own Jetty connector on loopback, and talk to it with a normal SDK client
 * over HTTP, as the Lambda does in the cloud.
 *
 * <p>With a data folder the tables persist in {@code <dataDir>/shared-local-instance.db} (DynamoDB
 * Local's "shared DB" mode: one database whatever the access key and region), in SQLite's
 * write-ahead-log mode ({@link #DATABASE_FILE}{@code -wal} beside it); without one they live in
 * memory. Telemetry is never configured, so it never sends anything: the handler is used
 * without DynamoDB Local's {@code ServerRunner}, which is the only place that turns it on.
 *
 * <p>DynamoDB Local checks no signature, and every local user can reach a loopback port, so a
 * {@link SignatureCheckingHandler} in front of it refuses any request not signed (AWS signature V4)
 * with the access key and secret generated for this instance; {@link #client()} signs with them.
 *
 * <p>Every signed request is counted by operation name (the {@code X-Amz-Target} header), on the
 * server side, so requests from any client of this emulator are included.
 */
public final class DynamoDbLocalEmulator implements AutoCloseable {
    /** The database file of DynamoDB Local's shared-DB mode, in the data folder. */
    public static final String DATABASE_FILE = "shared-local-instance.db";
    private static final String REGION = "us-east-1";

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final RequestCounter counter;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final DynamoDbClient client;

    private DynamoDbLocalEmulator(Server server, LocalDynamoDBServerHandler handler, RequestCounter counter, URI endpoint,
                                  String accessKey, String secretKey) {
        this.server = server;
        this.handler = handler;
        this.counter = counter;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(SdkClients.credentials(accessKey, secretKey))
                .httpClient(SdkClients.httpClient())
                .build();
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param dataDirOrNull where the database file lives (created if missing), or null for memory only
     */
    public static DynamoDbLocalEmulator start(Path dataDirOrNull) {
        return start(dataDirOrNull, InstanceKeys.accessKey(), InstanceKeys.secretKey());
    }

    /**
     * Starts DynamoDB Local accepting only requests signed with the given keys: for a process that
     * reads one {@code AWS_ACCESS_KEY_ID} for every service (the Lambda in a cold-start test).
     */
    public static DynamoDbLocalEmulator start(Path dataDirOrNull, String accessKey, String secretKey) {
        Loopback.ensureTempDirExists();
        LocalDynamoDBServerHandler handler = newHandler(dataDirOrNull);
        RequestCounter counter = new RequestCounter();
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("dynamodb-local");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(Loopback.HOST);
        connector.setPort(0);
        server.addConnector(connector);
        SignatureV4Check signatures = new SignatureV4Check(accessKey, secretKey, REGION, "dynamodb");
        ContextHandler context = new ContextHandler("/");
        context.setHandler(new SignatureCheckingHandler(new OperationCountingHandler(handler, counter), signatures,
                Clock.systemUTC()));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            handler.close();
            stopQuietly(server);
            throw new IllegalStateException("DynamoDB Local did not start on " + Loopback.HOST + ": " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://" + Loopback.HOST + ":" + connector.getLocalPort());
        DynamoDbLocalEmulator emulator = new DynamoDbLocalEmulator(server, handler, counter, endpoint, accessKey, secretKey);
        if (dataDirOrNull != null) {
            try {
                emulator.useWriteAheadLog(dataDirOrNull.resolve(DATABASE_FILE));
            } catch (RuntimeException e) {
                emulator.close();
                throw e;
            }
        }
        return emulator;
    }

    /**
     * DynamoDB Local commits each item of a {@code BatchWriteItem} (and each {@code PutItem}) as a
     * SQLite transaction of its own, and under SQLite's default rollback journal a commit costs
     * several fsyncs: 15 to 25 ms an item on a busy disk, the largest cost of a first sync on the
     * local backend (docs/performance.md). In write-ahead-log mode a commit is one append and one
     * fsync of the log, as durable (SQLite's default {@code synchronous=FULL} stays). The mode is
     * kept in the file, so this is needed once per database; DynamoDB Local opens its database at
     * the first request, hence the {@code ListTables} (not counted), and its connection takes the
     * new mode at its next transaction.
     */
    private void useWriteAheadLog(Path database) {
        client.listTables();
        counter.reset();
        String mode = WriteAheadLog.enable(database);
        if (!mode.equals("wal")) {
            System.getLogger(DynamoDbLocalEmulator.class.getName()).log(System.Logger.Level.WARNING,
                    "DynamoDB Local's database stays in journal mode \"" + mode + "\" (this file system may not"
                            + " support SQLite's write-ahead log); writes will be slower");
        }
    }

    private static LocalDynamoDBServerHandler newHandler(Path dataDirOrNull) {
        boolean inMemory = dataDirOrNull == null;
        String dbPath = null;
        if (!inMemory) {
            Loopback.createDirectories(dataDirOrNull);
            dbPath = dataDirOrNull.toAbsolutePath().toString();
        }
        try {
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, inMemory, dbPath, true, false);
            return new LocalDynamoDBServerHandler(requests, null);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not open its database"
                    + (inMemory ? "" : " in " + dbPath + " (is another process using it?)") + ": " + e.getMessage(), e);
        }
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The region the client signs for; DynamoDB Local ignores it in shared-DB mode. */
    public String region() {
        return REGION;
    }

    /** A client for this emulator (url-connection HTTP client, this instance's keys); closed by {@link #close()}. */
    public DynamoDbClient client() {
        return client;
    }

    /** Requests served so far by operation name, e.g. {@code {GetItem=3, TransactWriteItems=1}}. */
    public Map<String, Long> operationCounts() {
        return counter.snapshot();
    }

    /** All requests served so far. */
    public long operationCount() {
        return counter.total();
    }

    public void resetCounts() {
        counter.reset();
    }

    /** Stops the server and closes the database, so that the JVM can exit and the folder can be reopened. */
    @Override
    public void close() {
        client.close();
        stopQuietly(server);
        handler.close();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(DynamoDbLocalEmulator.class.getName())
                    .log(System.Logger.Level.WARNING, "DynamoDB Local did not stop cleanly", e);
        }
    }
}
