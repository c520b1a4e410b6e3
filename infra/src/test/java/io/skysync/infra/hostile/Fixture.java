package io.skysync.infra.hostile;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.skysync.api.ApiJson;
import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.api.CreateVaultResponse;
import io.skysync.api.DeviceTokenResponse;
import io.skysync.api.PairingCodeResponse;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.aws.DynamoDbPairingStore;
import io.skysync.azure.AzureComposition;
import io.skysync.azure.TablePairingStore;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.infra.aws.LocalAwsBackend;
import io.skysync.infra.azure.LocalAzureBackend;
import io.skysync.service.PairingCode;
import io.skysync.service.PairingStore;
import io.skysync.spi.LocalBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One running backend of one flavour, set up through its own API with everything the corpus
 * refers to: vault {@value #VAULT} with an admin, a member, a read-only device, a revoked device
 * and one committed file ({@value #EXISTING_FILE}, its blob uploaded through the presigned/SAS
 * URL); a second vault {@value #OTHER_VAULT_NAME} whose token must not open the first; and vault
 * {@value #PAIRING_VAULT} for the pairing cases, holding a code already used once, a code still
 * unused and an expired code. Pairing attempts have their own vault because each one counts
 * against that vault's limit (5 per 10 minutes): the other vaults' cases never meet the lock.
 */
final class Fixture implements AutoCloseable {
    static final String VAULT = "hostile";
    static final String OTHER_VAULT_NAME = "other";
    static final String EXISTING_FILE = "docs/readme.txt";

    static final String ADMIN = "{admin}";
    static final String ADMIN_ID = "{admin-id}";
    static final String ADMIN_WRONG_SECRET = "{admin-wrong-secret}";
    static final String READ_ONLY = "{read-only}";
    static final String REVOKED = "{revoked}";
    static final String OTHER_VAULT = "{other-vault}";
    static final String BOOTSTRAP = "{bootstrap}";
    static final String MEMBER = "{member}";
    static final String MEMBER_ID = "{member-id}";
    static final String REVOKED_ID = "{revoked-id}";
    /** The admin's device name, which no other active device may take. */
    static final String ADMIN_NAME = "laptop";

    static final String PAIRING_VAULT = "pairing";
    /** A code of {@value #PAIRING_VAULT} that paired a device during set-up. */
    static final String USED_CODE = "{used-code}";
    /** A code of {@value #PAIRING_VAULT} that no one has used; the corpus must leave it so. */
    static final String UNUSED_CODE = "{unused-code}";
    /** A code of {@value #PAIRING_VAULT} stored with an expiry an hour ago. */
    static final String EXPIRED_CODE = "{expired-code}";
    /** Eight digits that are none of the codes above. */
    static final String WRONG_CODE = "{wrong-code}";
    /** Pairing attempts set-up makes itself, per vault: the redemption of {@link #USED_CODE}. */
    static final Map<String, Integer> SET_UP_PAIRING_ATTEMPTS = Map.of(PAIRING_VAULT, 1);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> DYNAMODB_WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");

    private final String flavour;
    private final LocalBackend backend;
    private final Supplier<StoreSnapshot> snapshot;
    private final PairingStore pairingCodes;
    private final Map<String, String> placeholders = new TreeMap<>();

    private Fixture(String flavour, LocalBackend backend, Supplier<StoreSnapshot> snapshot, PairingStore pairingCodes) {
        this.flavour = flavour;
        this.backend = backend;
        this.snapshot = snapshot;
        this.pairingCodes = pairingCodes;
    }

    static Fixture start(String flavour, Path dataDir) throws IOException, InterruptedException {
        LocalBackend backend = LocalBackend.provider(flavour).start(dataDir, 0);
        try {
            Fixture fixture;
            if (backend instanceof LocalAwsBackend aws) {
                fixture = new Fixture(flavour, backend, StoreSnapshot.of(aws),
                        new DynamoDbPairingStore(aws.dynamoDb().client(), LocalAwsBackend.TABLE));
            } else if (backend instanceof LocalAzureBackend azure) {
                // Clients of our own, without the backend's counting policy: set-up and snapshots are not the case's requests.
                String connection = azure.azurite().connectionString();
                TableClient table = new TableClientBuilder().connectionString(connection)
                        .httpClient(AzureComposition.httpClient()).tableName(LocalAzureBackend.TABLE).buildClient();
                BlobContainerClient container = new BlobServiceClientBuilder().connectionString(connection)
                        .httpClient(AzureComposition.httpClient()).buildClient()
                        .getBlobContainerClient(LocalAzureBackend.CONTAINER);
                fixture = new Fixture(flavour, backend, StoreSnapshot.of(table, container), new TablePairingStore(table));
            } else {
                throw new IllegalStateException("no snapshot for " + backend);
            }
            fixture.populate();
            return fixture;
        } catch (IOException | InterruptedException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    String flavour() {
        return flavour;
    }

    URI endpoint() {
        return backend.endpoint();
    }

    StoreSnapshot snapshot() {
        return snapshot.get();
    }

    /**
     * The counters of requests that write: DynamoDB's write operations, S3 requests other than
     * reads, and Azure table/blob requests other than GET and HEAD. A refused request must not
     * even try a write (a conditional write that fails leaves the store equal, but should not happen).
     */
    Map<String, Long> writeCounters() {
        Map<String, Long> writes = new TreeMap<>();
        backend.counters().forEach((key, count) -> {
            int open = key.indexOf('[');
            if (open < 0) {
                return;
            }
            String kind = key.substring(0, open);
            String operation = key.substring(open + 1, key.length() - 1);
            boolean write = switch (kind) {
                case "dynamodb.operations" -> DYNAMODB_WRITES.contains(operation);
                case "s3.requests" -> !(operation.startsWith("Get") || operation.startsWith("Head") || operation.startsWith("List"));
                case "table.requests", "blob.requests" -> !(operation.equals("GET") || operation.equals("HEAD"));
                default -> false;
            };
            if (write) {
                writes.put(key, count);
            }
        });
        return writes;
    }

    /** Fills in the credentials, ids and codes the corpus names by placeholder. */
    String resolve(String text) {
        String out = text;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            out = out.replace(p.getKey(), p.getValue());
        }
        return out;
    }

    /**
     * The same for a body, byte for byte: read as ISO-8859-1 (one char per byte, so invalid UTF-8
     * survives the round trip); placeholders and their values are ASCII.
     */
    byte[] resolve(byte[] body) {
        return resolve(new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private void populate() throws IOException, InterruptedException {
        String secret = backend.bootstrapSecret();
        CreateVaultResponse admin = post("/v1/vaults", secret, Map.of("vault", VAULT, "deviceName", ADMIN_NAME), 201)
                .as(CreateVaultResponse.class);
        commitExistingFile(admin.token());
        DeviceTokenResponse readOnly = post("/v1/vaults/" + VAULT + "/devices", secret,
                Map.of("name", "viewer", "role", "read-only"), 201).as(DeviceTokenResponse.class);
        DeviceTokenResponse member = post("/v1/vaults/" + VAULT + "/devices", admin.token(),
                Map.of("name", "tablet", "role", "member"), 201).as(DeviceTokenResponse.class);
        DeviceTokenResponse revoked = post("/v1/vaults/" + VAULT + "/devices", admin.token(),
                Map.of("name", "lost-phone", "role", "member"), 201).as(DeviceTokenResponse.class);
        post("/v1/vaults/" + VAULT + "/devices/" + revoked.deviceId() + "/revoke", admin.token(), Map.of(), 200);
        CreateVaultResponse other = post("/v1/vaults", secret, Map.of("vault", OTHER_VAULT_NAME, "deviceName", "x"), 201)
                .as(CreateVaultResponse.class);

        placeholders.put(ADMIN, admin.token());
        placeholders.put(ADMIN_ID, admin.deviceId());
        // Same device id, a different secret of the same length: the hash comparison must refuse it.
        String tokenSecret = admin.token().substring(admin.token().indexOf('.') + 1);
        placeholders.put(ADMIN_WRONG_SECRET, admin.deviceId() + "." + "A".repeat(tokenSecret.length()));
        placeholders.put(READ_ONLY, readOnly.token());
        placeholders.put(MEMBER, member.token());
        placeholders.put(MEMBER_ID, member.deviceId());
        placeholders.put(REVOKED, revoked.token());
        placeholders.put(REVOKED_ID, revoked.deviceId());
        placeholders.put(OTHER_VAULT, other.token());
        placeholders.put(BOOTSTRAP, secret);
        populatePairingVault(secret);
    }

    private void populatePairingVault(String secret) throws IOException, InterruptedException {
        CreateVaultResponse admin = post("/v1/vaults", secret, Map.of("vault", PAIRING_VAULT, "deviceName", "desk"), 201)
                .as(CreateVaultResponse.class);
        String used = issueCode(admin.token());
        post("/v1/pair", null, Map.of("vault", PAIRING_VAULT, "code", used, "deviceName", "paired-once"), 201);
        String unused = issueCode(admin.token());
        // The service stores only a hash of the code (docs/devices.md); if that formula changed, the
        // expired code below would silently become a merely wrong one.
        String unusedRow = StoreSnapshot.key(PAIRING_VAULT, "pair#" + codeHash(unused));
        if (!snapshot().rows().containsKey(unusedRow)) {
            throw new IllegalStateException("fixture set-up: no row " + unusedRow + " for the code just issued; "
                    + "has the stored form of a pairing code changed?");
        }
        String expired = firstCodeNotIn(List.of(digits(used), digits(unused)), 11_111_111);
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        PairingCode expiredCode = new PairingCode(new VaultId(PAIRING_VAULT), codeHash(expired), Role.MEMBER,
                new DeviceId(admin.deviceId()), anHourAgo);
        if (!pairingCodes.put(expiredCode)) {
            throw new IllegalStateException("fixture set-up: the expired pairing code already exists");
        }
        placeholders.put(USED_CODE, used);
        placeholders.put(UNUSED_CODE, unused);
        placeholders.put(EXPIRED_CODE, expired);
        placeholders.put(WRONG_CODE, firstCodeNotIn(List.of(digits(used), digits(unused), expired), 0));
    }

    private String issueCode(String token) throws IOException, InterruptedException {
        return post("/v1/vaults/" + PAIRING_VAULT + "/pairing-codes", token, Map.of("role", "member"), 201)
                .as(PairingCodeResponse.class).code();
    }

    /** As the service keys a code: SHA-256 of {@code skysync-pairing:<vault>:<digits>} (docs/devices.md). */
    private static String codeHash(String code) {
        return ContentHash.ofBytes(("skysync-pairing:" + PAIRING_VAULT + ":" + digits(code))
                .getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static String digits(String code) {
        return code.replace("-", "");
    }

    private static String firstCodeNotIn(List<String> taken, int from) {
        for (int n = from; ; n++) {
            String code = String.format("%08d", n);
            if (!taken.contains(code)) {
                return code;
            }
        }
    }

    private void commitExistingFile(String token) throws IOException, InterruptedException {
        byte[] content = "the one file the hostile vault holds\n".getBytes(StandardCharsets.UTF_8);
        String hash = ContentHash.ofBytes(content).hex();
        long size = content.length;
        PlanResponse plan = post("/v1/vaults/" + VAULT + "/plan", token,
                new PlanRequest(0L, List.of(new LocalChangeDto(EXISTING_FILE, 0L, hash, size, false))), 200).as(PlanResponse.class);
        for (UploadDto upload : plan.uploads()) {
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.url()))
                    .method(upload.method(), HttpRequest.BodyPublishers.ofByteArray(content));
            upload.headers().forEach((name, value) -> {
                // The HTTP client sets these itself, from the URL and the body.
                if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                    put.header(name, value);
                }
            });
            int status = HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("upload of the fixture's blob answered " + status);
            }
        }
        CommitResponse commit = post("/v1/vaults/" + VAULT + "/commit", token,
                new CommitRequest(List.of(new CommitEntryDto(EXISTING_FILE, 0L, hash, size, 1_700_000_000_000L, false))), 200)
                .as(CommitResponse.class);
        if (!commit.results().get(0).status().equals(CommitResultDto.COMMITTED)) {
            throw new IllegalStateException("the fixture's file was not committed: " + commit.results());
        }
    }

    private record Answer(int status, byte[] body) {
        <T> T as(Class<T> type) {
            return ApiJson.read(body, type);
        }
    }

    private Answer post(String path, String bearer, Object json, int expectedStatus) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.endpoint().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiJson.write(json)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("fixture set-up: " + path + " answered " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return flavour;
    }
}
