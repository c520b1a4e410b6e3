package io.skysync.emulators;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3Proxy in this JVM on {@code 127.0.0.1} at a free port, checking AWS signature V4 (headers and
 * presigned URLs, including their expiry and a SHA-256 signed into a presigned PUT) against an
 * access key and secret generated for this instance.
 *
 * <p>With a data folder, buckets are folders below it and objects are files ({@code
 * filesystem-nio2}), so they persist; without one they live in memory ({@code transient-nio2}).
 *
 * <p>Every HTTP request S3Proxy receives is counted by S3 operation ({@link #requestCounts()}).
 * S3Proxy has no public hook for that, so the counting handler is put in front of its Jetty handler
 * through its private {@code server} field; {@link #start} fails loudly if a new S3Proxy version
 * renames it.
 */
public final class S3ProxyEmulator implements AutoCloseable {
    private static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final RequestCounter counter;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final S3Client client;
    private final S3Presigner presigner;

    private S3ProxyEmulator(S3Proxy proxy, RequestCounter counter, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.counter = counter;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(SdkClients.credentials(accessKey, secretKey))
                .httpClient(SdkClients.httpClient())
                .forcePathStyle(true)
                // Checksums only where an operation requires one: S3Proxy does not take the SDK's
                // default aws-chunked trailing checksums on every upload.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        this.presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(SdkClients.credentials(accessKey, secretKey))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /**
     * Starts S3Proxy.
     *
     * @param dataDirOrNull the folder that holds the buckets (created if missing), or null for memory only
     */
    public static S3ProxyEmulator start(Path dataDirOrNull) {
        BlobStore store;
        if (dataDirOrNull == null) {
            store = new TransientNio2BlobStore();
        } else {
            Loopback.createDirectories(dataDirOrNull);
            store = new FilesystemNio2BlobStore(dataDirOrNull.toAbsolutePath().toString());
        }
        String accessKey = InstanceKeys.accessKey();
        String secretKey = InstanceKeys.secretKey();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + Loopback.HOST + ":0"))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .jettyMaxThreads(32)
                .build();
        RequestCounter counter = new RequestCounter();
        Server server = jettyServerOf(proxy);
        server.setHandler(new S3RequestCountingHandler(server.getHandler(), counter));
        try {
            proxy.start();
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("S3Proxy did not start on " + Loopback.HOST + ": " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://" + Loopback.HOST + ":" + proxy.getPort());
        return new S3ProxyEmulator(proxy, counter, endpoint, accessKey, secretKey);
    }

    private static Server jettyServerOf(S3Proxy proxy) {
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            return (Server) field.get(proxy);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot count S3 requests: this S3Proxy version has no Jetty 'server' field;"
                    + " use the S3Proxy version pinned in the root pom", e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41235}; buckets are addressed path-style below it. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    /** A path-style client for this emulator (url-connection HTTP client, this instance's keys); closed by {@link #close()}. */
    public S3Client client() {
        return client;
    }

    /** A path-style presigner for this emulator; closed by {@link #close()}. */
    public S3Presigner presigner() {
        return presigner;
    }

    /** Creates the bucket unless it exists already. */
    public void createBucket(String bucket) {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                client.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // created meanwhile by another caller: that is what we wanted
            }
        }
    }

    /** HTTP requests served so far by S3 operation, e.g. {@code {GetObject=2, PutObject=2}}. */
    public Map<String, Long> requestCounts() {
        return counter.snapshot();
    }

    /** All HTTP requests served so far, presigned ones included. */
    public long requestCount() {
        return counter.total();
    }

    public void resetCounts() {
        counter.reset();
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
        stopQuietly(proxy);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            System.getLogger(S3ProxyEmulator.class.getName())
                    .log(System.Logger.Level.WARNING, "S3Proxy did not stop cleanly", e);
        }
    }
}
