package io.skysync.http;

import io.skysync.api.AddDeviceRequest;
import io.skysync.api.ApiJson;
import io.skysync.api.ChunkUrlsRequest;
import io.skysync.api.CommitRequest;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.DeviceNameRequest;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.PairRequest;
import io.skysync.api.PairingCodeRequest;
import io.skysync.api.PlanRequest;
import io.skysync.api.RoleChangeRequest;
import io.skysync.api.VerifyRequest;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.api.Wire;
import io.skysync.domain.DeviceId;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Routes a platform-neutral request to {@link SyncService} and maps every error to a response, in
 * this one place: a {@link SkysyncException} becomes its code's status and a JSON error body;
 * anything else is a 500 whose details go to the log, never to the caller.
 */
public final class ApiRouter {
    private static final System.Logger LOG = System.getLogger(ApiRouter.class.getName());
    private static final String VAULTS = "/v1/vaults";
    private final SyncService service;

    public ApiRouter(SyncService service) {
        this.service = service;
    }

    public ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (SkysyncException e) {
            if (e.code().status() >= 500) {
                LOG.log(Level.ERROR, "request failed: " + e.getMessage(), e);
            }
            return ApiResponse.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "internal error on " + request.method() + " " + routeName(request.rawPath()), e);
            return ApiResponse.error(ErrorCode.INTERNAL, "internal error; the request may be retried");
        }
    }

    private ApiResponse route(ApiRequest request) {
        if (request.body().length > ServiceConfig.MAX_BODY_BYTES) {
            throw new SkysyncException(ErrorCode.BODY_TOO_LARGE,
                    "the request body has " + request.body().length + " bytes, at most " + ServiceConfig.MAX_BODY_BYTES);
        }
        String path = request.rawPath();
        String method = request.method().toUpperCase(Locale.ROOT);
        String auth = request.header("authorization");
        Map<String, String> q = request.query();
        if (path.equals("/v1/health")) {
            expect(method, "GET");
            return ApiResponse.json(200, Map.of("status", "ok"));
        }
        if (path.equals(VAULTS)) {
            expect(method, "POST");
            return ApiResponse.json(201, service.createVault(auth, json(request, CreateVaultRequest.class)));
        }
        if (path.equals("/v1/pair")) {
            expect(method, "POST");
            return ApiResponse.json(201, service.pair(json(request, PairRequest.class)));
        }
        if (!path.startsWith(VAULTS + "/")) {
            throw notFound();
        }
        String rest = path.substring(VAULTS.length() + 1);
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw notFound();
        }
        VaultId vault = new VaultId(PercentCoding.decodePath(rest.substring(0, slash)));
        String action = rest.substring(slash + 1);
        switch (action) {
            case "plan" -> {
                expect(method, "POST");
                return ok(request, service.plan(vault, auth, json(request, PlanRequest.class)));
            }
            case "commit" -> {
                expect(method, "POST");
                return ok(request, service.commit(vault, auth, json(request, CommitRequest.class)));
            }
            case "changes" -> {
                expect(method, "GET");
                Seq since = Wire.cursor(q.get("since"));
                int limit = Wire.limit(q.get("limit"), ServiceConfig.MAX_PAGE);
                Duration wait = Wire.waitSeconds(q.get("wait"), ServiceConfig.MAX_WAIT_SECONDS);
                return ok(request, wait == null ? service.changes(vault, auth, since, limit)
                        : service.changes(vault, auth, since, limit, wait));
            }
            case "files" -> {
                expect(method, "GET");
                String after = q.get("after");
                return ok(request, service.files(vault, auth, after == null || after.isEmpty() ? null : VaultPath.of(after),
                        Wire.limit(q.get("limit"), ServiceConfig.MAX_PAGE)));
            }
            case "trash" -> {
                expect(method, "GET");
                String after = q.get("after");
                return ok(request, service.trash(vault, auth, after == null || after.isEmpty() ? null : VaultPath.of(after),
                        Wire.limit(q.get("limit"), ServiceConfig.MAX_TRASH_PAGE)));
            }
            case "upload-urls" -> {
                expect(method, "POST");
                return ok(service.uploadUrls(vault, auth, json(request, UploadUrlsRequest.class)));
            }
            case "chunk-urls" -> {
                expect(method, "POST");
                return ok(service.chunkUrls(vault, auth, json(request, ChunkUrlsRequest.class)));
            }
            case "download-urls" -> {
                expect(method, "POST");
                return ok(service.downloadUrls(vault, auth, json(request, DownloadUrlsRequest.class)));
            }
            case "devices" -> {
                if ("GET".equals(method)) {
                    return ok(service.devices(vault, auth));
                }
                expect(method, "POST");
                return ApiResponse.json(201, service.addDevice(vault, auth, json(request, AddDeviceRequest.class)));
            }
            case "blobs/verify" -> {
                expect(method, "POST");
                return ok(service.verifyBlob(vault, auth, json(request, VerifyRequest.class)));
            }
            case "pairing-codes" -> {
                expect(method, "POST");
                return ApiResponse.json(201, service.createPairingCode(vault, auth, json(request, PairingCodeRequest.class)));
            }
            default -> {
                return withParameter(request, method, vault, ParameterRoute.parse(action).orElseThrow(ApiRouter::notFound));
            }
        }
    }

    private ApiResponse withParameter(ApiRequest request, String method, VaultId vault, ParameterRoute route) {
        String auth = request.header("authorization");
        String decoded = PercentCoding.decodePath(route.parameter());
        switch (route.name()) {
            case "role" -> {
                expect(method, "POST");
                return ok(service.changeRole(vault, auth, new DeviceId(decoded), json(request, RoleChangeRequest.class)));
            }
            case "revoke" -> {
                expect(method, "POST");
                return ok(service.revokeDevice(vault, auth, new DeviceId(decoded)));
            }
            case "name" -> {
                expect(method, "POST");
                return ok(service.renameDevice(vault, auth, new DeviceId(decoded), json(request, DeviceNameRequest.class)));
            }
            default -> {
                expect(method, "GET");
                return ok(request, service.history(vault, auth, VaultPath.of(decoded),
                        Wire.limit(request.query().get("limit"), ServiceConfig.MAX_PAGE)));
            }
        }
    }

    private static <T> T json(ApiRequest request, Class<T> type) {
        String contentType = request.header("content-type");
        // The media type without its parameters ("; charset=utf-8"): exactly application/json.
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new SkysyncException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "send the body as JSON with 'Content-Type: application/json'");
        }
        return ApiJson.read(request.body(), type);
    }

    private static ApiResponse ok(Object body) {
        return ApiResponse.json(200, body);
    }

    /** An answer holding manifest entries, shown as the caller's protocol can read it ({@link ProtocolView}). */
    private static ApiResponse ok(ApiRequest request, Object body) {
        return ApiResponse.json(200, ProtocolView.answer(request, body));
    }

    private static void expect(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new SkysyncException(ErrorCode.METHOD_NOT_ALLOWED, "use " + allowed + " for this path");
        }
    }

    private static SkysyncException notFound() {
        return new SkysyncException(ErrorCode.NOT_FOUND, "no such endpoint; see docs/api.md");
    }

    /** A log-safe name of the route: never the file path, which may be private. */
    private static String routeName(String rawPath) {
        return rawPath.length() > 40 ? rawPath.substring(0, 40) + "..." : rawPath;
    }
}
