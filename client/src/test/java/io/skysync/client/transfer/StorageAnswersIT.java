package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.skysync.api.UploadDto;
import io.skysync.aws.S3BlobStore;
import io.skysync.azure.AzureBlobStore;
import io.skysync.azure.SasSigner;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.emulators.AzuriteEmulator;
import io.skysync.emulators.S3ProxyEmulator;
import io.skysync.service.BlobStore;
import io.skysync.service.DownloadTicket;
import io.skysync.service.UploadTicket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import okhttp3.OkHttpClient;

/**
 * The client's transfers against the real stand-ins of each store, S3Proxy and Azurite: every
 * refusal they really send is read as what it means (the bodies in {@code StorageErrorsTest}
 * are theirs). Expiry comes from URLs signed in the past (a fixed clock for Azure's SAS, a
 * presigned URL's date moved back for S3Proxy, which checks expiry before the signature), never
 * from waiting.
 */
class StorageAnswersIT {
    private static final VaultId VAULT = new VaultId("answers");
    private static final byte[] BODY = "the content of a blob".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash HASH = ContentHash.ofBytes(BODY);
    private static S3ProxyEmulator s3;
    private static AzuriteEmulator azurite;
    private static BlobContainerClient container;

    @TempDir
    Path temp;
    private final HttpTransfers transfers = new HttpTransfers(new OkHttpClient(),
            new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(50), new Random(1), d -> { }));

    @BeforeAll
    static void start() {
        s3 = S3ProxyEmulator.start(null);
        s3.createBucket("answers");
        if (AzuriteEmulator.locate().isPresent()) {
            azurite = AzuriteEmulator.start(null);
            container = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                    .getBlobContainerClient("answers");
            container.create();
        }
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    private static S3BlobStore s3Store() {
        return new S3BlobStore(s3.client(), s3.presigner(), "answers");
    }

    private static AzureBlobStore azureStore(Clock clock) {
        if (azurite == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(AzuriteEmulator.notInstalledMessage());
            }
            abort(AzuriteEmulator.notInstalledMessage());
        }
        return new AzureBlobStore(container, SasSigner.accountKey(), clock);
    }

    private static UploadDto upload(BlobStore store, ContentHash hash, Duration ttl) {
        UploadTicket t = store.presignPut(VAULT, hash, BODY.length, ttl);
        return new UploadDto(hash.hex(), t.url().toString(), t.method(), t.headers(), t.expiresAt().toString());
    }

    private static Transfers.Presigned get(BlobStore store, ContentHash hash) {
        DownloadTicket t = store.presignGet(VAULT, hash, Duration.ofMinutes(15));
        return new Transfers.Presigned(t.url(), t.expiresAt());
    }

    private Path file(byte[] content) throws Exception {
        return Files.write(Files.createTempFile(temp, "blob", ".bin"), content);
    }

    private static TransferException.Kind kindOf(ThrowingCall call) {
        try {
            call.run();
        } catch (TransferException e) {
            return e.kind();
        } catch (Exception e) {
            throw new AssertionError("expected a TransferException, got " + e, e);
        }
        throw new AssertionError("expected a refusal");
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void s3Proxy_roundTrip_andEachRefusalForWhatItIs() throws Exception {
        S3BlobStore store = s3Store();
        ContentHash other = ContentHash.ofBytes("never uploaded".getBytes(StandardCharsets.UTF_8));

        assertThat(kindOf(() -> transfers.download(get(store, other), temp.resolve("none"), other, 14, Transfers.ByteCounter.NONE)))
                .isEqualTo(TransferException.Kind.MISSING);
        UploadDto signed = upload(store, HASH, Duration.ofMinutes(15));
        UploadDto past = new UploadDto(HASH.hex(), signed.url().replaceAll("X-Amz-Date=\\d{8}T\\d{6}Z",
                "X-Amz-Date=20200101T000000Z"), signed.method(), signed.headers(), signed.expiresAt());
        assertThat(kindOf(() -> transfers.upload(file(BODY), BODY.length, past, Transfers.ByteCounter.NONE)))
                .isEqualTo(TransferException.Kind.EXPIRED);
        transfers.upload(file(BODY), BODY.length, signed, Transfers.ByteCounter.NONE);
        Path target = temp.resolve("got");
        transfers.download(get(store, HASH), target, HASH, BODY.length, Transfers.ByteCounter.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
    }

    @Test
    void s3Proxy_bodyThatIsNotTheSignedHash_isAChecksumRefusal() throws Exception {
        byte[] forged = "THE CONTENT OF A BLOB".getBytes(StandardCharsets.UTF_8);
        UploadDto signed = upload(s3Store(), ContentHash.ofBytes(BODY), Duration.ofMinutes(15));
        // The body streams as a file that hashes to the signed hash, so FileBody lets it through; S3Proxy refuses it.
        UploadDto forgedClaim = new UploadDto(ContentHash.ofBytes(forged).hex(), signed.url(), signed.method(),
                signed.headers(), signed.expiresAt());

        assertThat(kindOf(() -> transfers.upload(file(forged), forged.length, forgedClaim, Transfers.ByteCounter.NONE)))
                .isEqualTo(TransferException.Kind.CHECKSUM);
    }

    @Test
    void s3Proxy_chunkThatChangedSinceTheScan_isRefusedByTheStore_andNothingIsStored() throws Exception {
        byte[] scanned = new byte[300_000];
        new Random(5).nextBytes(scanned);
        ContentHash chunk = ContentHash.ofBytes(Arrays.copyOfRange(scanned, 1000, 201_000));
        S3BlobStore store = s3Store();
        UploadTicket t = store.presignPut(VAULT, chunk, 200_000, Duration.ofMinutes(15));
        UploadDto granted = new UploadDto(chunk.hex(), t.url().toString(), t.method(), t.headers(), t.expiresAt().toString());
        byte[] edited = scanned.clone();
        edited[150_000] ^= 1;
        Path file = file(edited);

        assertThat(HttpTransfers.ownCheck(granted)).as("S3 checks the signed SHA-256 itself").isNull();
        assertThat(kindOf(() -> transfers.upload(file, 1000, 200_000, granted, Transfers.ByteCounter.NONE)))
                .isEqualTo(TransferException.Kind.CHECKSUM);
        assertThat(kindOf(() -> transfers.download(get(store, chunk), temp.resolve("none"), chunk, 200_000,
                Transfers.ByteCounter.NONE))).as("nothing stored under the chunk's id").isEqualTo(TransferException.Kind.MISSING);
        transfers.upload(file(scanned), 1000, 200_000, granted, Transfers.ByteCounter.NONE);
        transfers.download(get(store, chunk), temp.resolve("got"), chunk, 200_000, Transfers.ByteCounter.NONE);
    }

    @Test
    void azurite_expiredSas_isExpiredForUploadAndDownload() throws Exception {
        AzureBlobStore signedLongAgo = azureStore(Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        UploadDto expired = upload(signedLongAgo, HASH, Duration.ofMinutes(15));
        DownloadTicket expiredGet = signedLongAgo.presignGet(VAULT, HASH, Duration.ofMinutes(15));

        assertThat(kindOf(() -> transfers.upload(file(BODY), BODY.length, expired, Transfers.ByteCounter.NONE)))
                .isEqualTo(TransferException.Kind.EXPIRED);
        assertThat(kindOf(() -> transfers.download(new Transfers.Presigned(expiredGet.url(), expiredGet.expiresAt()),
                temp.resolve("t"), HASH, BODY.length, Transfers.ByteCounter.NONE))).isEqualTo(TransferException.Kind.EXPIRED);
    }

    @Test
    void azurite_forgedSasWithinItsTime_isRefusedNotExpired() throws Exception {
        UploadDto signed = upload(azureStore(Clock.systemUTC()), HASH, Duration.ofMinutes(15));
        UploadDto forged = new UploadDto(HASH.hex(), signed.url().replaceAll("sig=[^&]+", "sig=AAAA"), signed.method(),
                signed.headers(), signed.expiresAt());

        assertThatThrownBy(() -> transfers.upload(file(BODY), BODY.length, forged, Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransferException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("AuthorizationFailure");
                });
    }

    @Test
    void azurite_createOnlySasForABlobAlreadyStored_isDone_andMissingBlobIsMissing() throws Exception {
        AzureBlobStore store = azureStore(Clock.systemUTC());
        ContentHash other = ContentHash.ofBytes(("not there " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        UploadDto first = upload(store, HASH, Duration.ofMinutes(15));
        UploadDto second = upload(store, HASH, Duration.ofMinutes(15));

        transfers.upload(file(BODY), BODY.length, first, Transfers.ByteCounter.NONE);
        transfers.upload(file(BODY), BODY.length, second, Transfers.ByteCounter.NONE);

        assertThat(kindOf(() -> transfers.download(get(store, other), temp.resolve("none"), other, 1, Transfers.ByteCounter.NONE)))
                .isEqualTo(TransferException.Kind.MISSING);
        Path target = temp.resolve("got");
        transfers.download(get(store, HASH), target, HASH, BODY.length, Transfers.ByteCounter.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
    }
}
