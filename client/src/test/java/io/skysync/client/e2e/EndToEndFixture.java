package io.skysync.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.skysync.azure.AzureComposition;
import io.skysync.domain.ContentHash;
import io.skysync.infra.azure.LocalAzureBackend;
import io.skysync.spi.LocalBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every end-to-end suite shares: the real CLI ({@link io.skysync.client.cli.Cli}) against a
 * real embedded local backend over HTTP, with real temp folders, run once per cloud flavour (the
 * class is parameterized, not copied). One backend per flavour and class (it takes seconds to
 * start); each test has its own vault and a first device, the admin {@link #a}.
 *
 * <p>Counters differ by flavour, so tests ask this class by meaning ({@link #uploads()},
 * {@link #manifestOperations()}, {@link #storageOperations()}), never by a backend's key.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"aws", "azure"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndFixture {
    private static final AtomicInteger VAULTS = new AtomicInteger();

    /** The {@link LocalBackend.Provider#flavour()} under test. */
    @Parameter
    String flavour;

    /** One folder per class: the backend's data and every test's folders (a test's @TempDir comes too late). */
    @TempDir
    static Path shared;
    LocalBackend backend;
    Path dataDir;
    Path temp;
    CliHarness cli;
    Path a;
    String vault;
    private Map<String, Long> baseline = Map.of();
    private long blobsAtBaseline;

    @BeforeParameterizedClassInvocation
    void startBackend() {
        dataDir = shared.resolve("backend-" + flavour);
        backend = LocalBackend.provider(flavour).start(dataDir, 0);
    }

    @AfterParameterizedClassInvocation
    void stopBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void firstDevice() throws IOException {
        temp = Files.createDirectories(shared.resolve(flavour + "-test" + VAULTS.incrementAndGet()));
        cli = new CliHarness(Files.createDirectories(temp.resolve("home")), dataDir);
        a = Files.createDirectories(temp.resolve("a"));
        vault = "e2e" + VAULTS.incrementAndGet();
        ok(cli.run("init", a.toString(), "--vault", vault, "--device", "laptop"));
    }

    static CliHarness.Result ok(CliHarness.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    CliHarness.Result sync(Path dir, String... extra) {
        String[] args = Stream.concat(Stream.of("sync", dir.toString()), Stream.of(extra)).toArray(String[]::new);
        return cli.run(args);
    }

    static void write(Path root, String rel, String text) throws IOException {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Starts counting backend requests from now (deltas, so tests never depend on each other). */
    void resetCounters() {
        baseline = Map.copyOf(backend.counters());
        blobsAtBaseline = storedBlobs();
    }

    long counter(String name) {
        return backend.counters().getOrDefault(name, 0L) - baseline.getOrDefault(name, 0L);
    }

    /** Invocations of one API route since {@link #resetCounters()}, e.g. {@code POST /v1/vaults/{vault}/commit}. */
    long invocations(String route) {
        return counter("function.invocations[" + route + "]");
    }

    long apiCalls() {
        return counter("function.invocations") - invocations("GET /v1/health");
    }

    /** Requests the function made to the manifest store (DynamoDB, or Table Storage). */
    long manifestOperations() {
        return counter(flavour.equals("aws") ? "dynamodb.operations" : "table.requests");
    }

    /** Requests the function made to blob storage (S3, or Blob Storage): existence checks, presigning needs none. */
    long storageOperations() {
        return counter(flavour.equals("aws") ? "s3.requests" : "blob.requests");
    }

    /**
     * Requests the function made to blob storage to learn what it holds (HEAD, listings, ...): every
     * storage request but the clients' presigned uploads and downloads.
     */
    long storageChecks() {
        return flavour.equals("aws")
                ? counter("s3.requests") - counter("s3.requests[PutObject]") - counter("s3.requests[GetObject]")
                : counter("blob.requests");
    }

    /**
     * Blobs clients sent to storage since {@link #resetCounters()}. On AWS S3Proxy counts every
     * presigned PUT; on Azure the uploads go from the client straight to Azurite with SAS URLs,
     * which the backend does not see, so there it is the number of new blobs the vault holds.
     */
    long uploads() {
        return flavour.equals("aws") ? counter("s3.requests[PutObject]") : storedBlobs() - blobsAtBaseline;
    }

    /** How many blobs this test's vault holds in storage. */
    long storedBlobs() {
        if (flavour.equals("aws")) {
            Path blobs = dataDir.resolve("s3/skysync/vaults").resolve(vault).resolve("blobs");
            if (!Files.isDirectory(blobs)) {
                return 0;
            }
            try (Stream<Path> files = Files.list(blobs)) {
                // S3Proxy writes a PUT in progress to a temp file beside the blobs; only a stored blob has its hash as its name.
                return files.filter(f -> ContentHash.isValid(f.getFileName().toString())).count();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(((LocalAzureBackend) backend).azurite().connectionString())
                .httpClient(AzureComposition.httpClient()).buildClient().getBlobContainerClient(LocalAzureBackend.CONTAINER);
        return container.listBlobs(new ListBlobsOptions().setPrefix("vaults/" + vault + "/blobs/"), null).stream().count();
    }
}
