package io.skysync.service;

import io.skysync.api.AddDeviceRequest;
import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.CreateVaultResponse;
import io.skysync.api.DeviceDto;
import io.skysync.api.DeviceNameRequest;
import io.skysync.api.DeviceTokenResponse;
import io.skysync.api.DevicesResponse;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.HistoryResponse;
import io.skysync.api.PairRequest;
import io.skysync.api.PairingCodeRequest;
import io.skysync.api.PairingCodeResponse;
import io.skysync.api.PlanRequest;
import io.skysync.api.RoleChangeRequest;
import io.skysync.api.TrashResponse;
import io.skysync.api.PlanResponse;
import io.skysync.api.VerifyRequest;
import io.skysync.api.VerifyResponse;
import io.skysync.api.UploadDto;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.api.Wire;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every endpoint of the API, against a {@link ManifestStore} and a {@link BlobStore}. Platform
 * adapters decode their event, call {@link io.skysync.http.ApiRouter}, and encode the answer;
 * everything that decides anything is here. Time and randomness are injected.
 */
public final class SyncService {
    private final ManifestStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Tokens tokens;
    private final ServiceConfig config;
    private final Authenticator auth;
    private final CommitProcessor commits;
    private final DeviceAdmin devices;
    private final BlobGuard guard;
    private final UploadTickets uploads;
    private final PlanProcessor plans;
    private final Optional<BlobRepairs> repairs;
    private final Optional<Pairing> pairing;
    private final HeadWatch heads;

    /** Without pairing codes (their endpoints answer 503) and without a clean-up job's marks. */
    public SyncService(ManifestStore store, BlobStore blobs, Clock clock, Tokens tokens, ServiceConfig config) {
        this(store, blobs, clock, tokens, config, null, BlobGuard.NONE);
    }

    /**
     * @param pairingCodes where pairing codes and attempt counters live; null disables pairing codes
     * @param guard        {@link MarkedBlobGuard} where {@link RetentionJob} collects blobs, else
     *                     {@link BlobGuard#NONE}
     */
    public SyncService(ManifestStore store, BlobStore blobs, Clock clock, Tokens tokens, ServiceConfig config,
                       PairingStore pairingCodes, BlobGuard guard) {
        this(store, blobs, clock, tokens, config, pairingCodes, guard, null);
    }

    /**
     * @param repairs {@link BlobRepairs} over the same blobs, for {@code POST /blobs/verify} and plan
     *                repairs; null disables them (verify answers 503)
     */
    public SyncService(ManifestStore store, BlobStore blobs, Clock clock, Tokens tokens, ServiceConfig config,
                       PairingStore pairingCodes, BlobGuard guard, BlobRepairs repairs) {
        this(store, blobs, clock, tokens, config, pairingCodes, guard, repairs, HeadWatch.NONE);
    }

    /**
     * @param repairs {@link BlobRepairs} over the same blobs, for {@code POST /blobs/verify} and plan
     *                repairs; null disables them (verify answers 503)
     * @param heads   how {@code GET /changes?wait=} waits for the next commit ({@link HeadWatch#NONE}:
     *                it never waits)
     */
    public SyncService(ManifestStore store, BlobStore blobs, Clock clock, Tokens tokens, ServiceConfig config,
                       PairingStore pairingCodes, BlobGuard guard, BlobRepairs repairs, HeadWatch heads) {
        this.heads = Objects.requireNonNull(heads, "heads");
        this.store = Objects.requireNonNull(store, "store");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.config = Objects.requireNonNull(config, "config");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.auth = new Authenticator(store);
        this.uploads = new UploadTickets(blobs, guard, config);
        this.repairs = Optional.ofNullable(repairs);
        this.plans = new PlanProcessor(store, clock, uploads, this.repairs);
        this.commits = new CommitProcessor(store, blobs, clock, guard, config.retry());
        this.devices = new DeviceAdmin(store, clock, tokens, config.bootstrapSecret(), config.retry());
        this.pairing = Optional.ofNullable(pairingCodes).map(codes -> new Pairing(store, codes, clock, tokens, devices));
    }

    /** {@code POST /v1/vaults}: authorized by the deployment's bootstrap secret, not by a device token. */
    public CreateVaultResponse createVault(String authorization, CreateVaultRequest request) {
        if (config.bootstrapSecret().isEmpty()) {
            throw new SkysyncException(ErrorCode.FORBIDDEN,
                    "vault creation is disabled on this deployment: set SKYSYNC_BOOTSTRAP_SECRET to enable it");
        }
        if (!devices.isBootstrap(authorization)) {
            throw new SkysyncException(ErrorCode.UNAUTHORIZED,
                    "unauthorized: creating a vault needs 'Authorization: Bearer <bootstrap secret>'");
        }
        Wire.required(request, "body");
        VaultId vault = new VaultId(Wire.required(request.vault(), "vault"));
        String name = DeviceNames.atEnrolment(request.deviceName());
        DeviceId id = tokens.newDeviceId();
        String token = tokens.newToken(id);
        Instant now = clock.instant();
        DeviceRecord admin = new DeviceRecord(id, name, Role.ADMIN, Tokens.hash(token), now, now, Seq.ZERO, false);
        if (!store.createVault(vault, admin, now)) {
            throw new SkysyncException(ErrorCode.CONFLICT, "the vault \"" + vault + "\" already exists; pair this device with it instead");
        }
        return new CreateVaultResponse(vault.value(), id.value(), name, Role.ADMIN.wireName(), token);
    }

    /** {@code POST /v1/vaults/{vault}/devices}: bootstrap secret, or a device allowed to pair the role. */
    public DeviceTokenResponse addDevice(VaultId vault, String authorization, AddDeviceRequest request) {
        return devices.add(vault, authorization, request);
    }

    /** {@code GET /v1/vaults/{vault}/devices}. */
    public DevicesResponse devices(VaultId vault, String authorization) {
        return devices.list(vault, authorization);
    }

    /** {@code POST /v1/vaults/{vault}/devices/{id}/revoke}: an admin, or a device revoking itself. */
    public DeviceDto revokeDevice(VaultId vault, String authorization, DeviceId device) {
        return devices.revoke(vault, authorization, device);
    }

    /** {@code POST /v1/vaults/{vault}/devices/{id}/role}: an admin changes a device's role. */
    public DeviceDto changeRole(VaultId vault, String authorization, DeviceId device, RoleChangeRequest request) {
        return devices.changeRole(vault, authorization, device, request);
    }

    /** {@code POST /v1/vaults/{vault}/devices/{id}/name}: an admin renames a device, or a device itself. */
    public DeviceDto renameDevice(VaultId vault, String authorization, DeviceId device, DeviceNameRequest request) {
        return devices.rename(vault, authorization, device, request);
    }

    /** {@code POST /v1/vaults/{vault}/pairing-codes}: a one-time code for a new device of the given role. */
    public PairingCodeResponse createPairingCode(VaultId vault, String authorization, PairingCodeRequest request) {
        return pairing().issue(vault, authorization, request);
    }

    /** {@code POST /v1/pair}: a pairing code in, the new device's token out; no device token needed. */
    public DeviceTokenResponse pair(PairRequest request) {
        return pairing().redeem(request);
    }

    /** {@code POST /v1/vaults/{vault}/plan}. */
    public PlanResponse plan(VaultId vault, String authorization, PlanRequest request) {
        Wire.required(request, "body");
        Seq cursor = Wire.cursor(request.cursor());
        List<CommitCommand> changes = CommitCommand.all(
                request.changes() == null ? List.of() : request.changes(), CommitCommand::of,
                ServiceConfig.MAX_ENTRIES, "changes");
        changes.stream().filter(c -> !c.deleted()).forEach(c -> uploads.checkSize(c.hash(), c.size()));
        DeviceRecord device = auth.device(vault, authorization);
        if (!changes.isEmpty()) {
            requireWriter(device);
        }
        return plans.plan(vault, device, cursor, changes);
    }

    /**
     * {@code POST /v1/vaults/{vault}/blobs/verify}: any device of the vault asks the server to check
     * the stored blob of a hash; wrong bytes are removed and the content asked for again.
     */
    public VerifyResponse verifyBlob(VaultId vault, String authorization, VerifyRequest request) {
        Wire.required(request, "body");
        ContentHash hash = Wire.hash(request.hash());
        auth.device(vault, authorization);
        return repairs.orElseThrow(() -> new SkysyncException(ErrorCode.UNAVAILABLE,
                "blob verification is not enabled on this deployment")).verify(vault, hash);
    }

    /** {@code POST /v1/vaults/{vault}/commit}. */
    public CommitResponse commit(VaultId vault, String authorization, CommitRequest request) {
        Wire.required(request, "body");
        List<CommitCommand> commands = CommitCommand.all(request.entries(), CommitCommand::of,
                ServiceConfig.MAX_ENTRIES, "entries");
        DeviceRecord device = auth.device(vault, authorization);
        requireWriter(device);
        List<CommitResultDto> results = commits.commit(vault, device, commands);
        results.stream().map(CommitResultDto::seq).filter(Objects::nonNull).max(Long::compare)
                .ifPresent(head -> heads.moved(vault, Seq.of(head)));
        return new CommitResponse(results);
    }

    /**
     * {@code POST /v1/vaults/{vault}/upload-urls}: presigned uploads for the blobs of this batch the
     * vault does not hold (or holds with another size), for a writer device about to commit them.
     */
    public UploadUrlsResponse uploadUrls(VaultId vault, String authorization, UploadUrlsRequest request) {
        Map<ContentHash, Long> wanted = BlobRefs.parse(request);
        DeviceRecord device = auth.device(vault, authorization);
        requireWriter(device);
        return new UploadUrlsResponse(plans.uploadUrls(vault, device, wanted));
    }

    /** {@code GET /v1/vaults/{vault}/changes?since=&limit=}. */
    public ChangesResponse changes(VaultId vault, String authorization, Seq since, int limit) {
        auth.device(vault, authorization);
        ChangePage page = ChangeFeed.page(store, vault, since, limit);
        return new ChangesResponse(page.entries().stream().map(EntryDto::of).toList(), page.cursor().value(), page.hasMore());
    }

    /**
     * {@code GET /v1/vaults/{vault}/changes?since=&limit=&wait=}: as above, but an empty answer
     * first waits up to {@code wait} (as far as the deployment grants it, see {@link HeadWatch})
     * for the next commit. The answer says how long it was willing to wait.
     */
    public ChangesResponse changes(VaultId vault, String authorization, Seq since, int limit, Duration wait) {
        ChangesResponse first = changes(vault, authorization, since, limit);
        Duration granted = heads.grant(wait);
        if (!first.entries().isEmpty() || !heads.awaitPast(vault, since, granted)) {
            return first.withWait(granted);
        }
        // Read again, authenticating again: a device revoked while it waited learns it now.
        return changes(vault, authorization, since, limit).withWait(granted);
    }

    /** {@code GET /v1/vaults/{vault}/files?after=&limit=}. */
    public FilesResponse files(VaultId vault, String authorization, VaultPath after, int limit) {
        auth.device(vault, authorization);
        Seq readAt = meta(vault).seq();
        FilePage page = store.files(vault, after, limit);
        return new FilesResponse(page.entries().stream().map(EntryDto::of).toList(), readAt.value(),
                page.next() == null ? null : page.next().value());
    }

    /** {@code POST /v1/vaults/{vault}/download-urls}. */
    public DownloadUrlsResponse downloadUrls(VaultId vault, String authorization, DownloadUrlsRequest request) {
        Wire.required(request, "body");
        List<DownloadUrlsRequest.FileRef> refs = Wire.required(request.files(), "files");
        if (refs.size() > ServiceConfig.MAX_ENTRIES) {
            throw new SkysyncException(ErrorCode.TOO_MANY_ENTRIES,
                    "too many files: " + refs.size() + " in one call, at most " + ServiceConfig.MAX_ENTRIES);
        }
        List<VaultPath> paths = refs.stream().map(r -> Wire.path(Wire.required(r, "files[]").path())).toList();
        refs.forEach(r -> {
            if (r.version() != null) {
                FileVersion.of(r.version());
            }
        });
        auth.device(vault, authorization);
        Map<VaultPath, ManifestEntry> current = store.entries(vault, paths);
        List<DownloadUrlsResponse.DownloadDto> urls = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            VaultPath path = paths.get(i);
            Long wantedVersion = refs.get(i).version();
            ManifestEntry entry = current.get(path);
            if (wantedVersion != null && (entry == null || entry.version().value() != wantedVersion)) {
                entry = store.version(vault, path, FileVersion.of(wantedVersion)).orElse(null);
            }
            if (entry == null || entry.deleted() || entry.folder()) {
                missing.add(path.value());
                continue;
            }
            DownloadTicket ticket = blobs.presignGet(vault, entry.hash(), config.downloadTtl());
            urls.add(new DownloadUrlsResponse.DownloadDto(path.value(), entry.version().value(), entry.hash().hex(),
                    entry.size(), ticket.url().toString(), ticket.expiresAt().toString()));
        }
        return new DownloadUrlsResponse(urls, missing);
    }

    /** {@code GET /v1/vaults/{vault}/trash?after=&limit=}: deleted files history can still restore. */
    public TrashResponse trash(VaultId vault, String authorization, VaultPath after, int limit) {
        auth.device(vault, authorization);
        return new TrashListing(store).page(vault, after, limit);
    }

    /** {@code GET /v1/vaults/{vault}/files/{path}/history}. */
    public HistoryResponse history(VaultId vault, String authorization, VaultPath path, int limit) {
        auth.device(vault, authorization);
        List<ManifestEntry> versions = store.history(vault, path, limit);
        if (versions.isEmpty()) {
            throw new SkysyncException(ErrorCode.NOT_FOUND, "no history for \"" + path + "\": the vault never had this file");
        }
        return new HistoryResponse(path.value(), versions.stream().map(EntryDto::of).toList());
    }

    private Pairing pairing() {
        return pairing.orElseThrow(() -> new SkysyncException(ErrorCode.UNAVAILABLE,
                "pairing codes are not enabled on this deployment; add the device with POST /devices instead"));
    }

    private VaultMeta meta(VaultId vault) {
        return store.vault(vault).orElseThrow(() -> CommitProcessor.notFound(vault));
    }

    private static void requireWriter(DeviceRecord device) {
        if (!device.role().canWrite()) {
            throw new SkysyncException(ErrorCode.FORBIDDEN,
                    "this device is read-only in the vault; ask an admin to change its role to write");
        }
    }
}
