package io.skysync.sim;

import io.skysync.api.ApiJson;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * The simulated network between one device and the server: an OkHttp application interceptor, so
 * the client's real {@code ApiClient}, {@code HttpRemoteVault} and {@code HttpTransfers} (with
 * their retries) run unchanged. It forwards each request to a {@link Server} and injects faults
 * around it: crashes before and after the server applied a request, lost answers, duplicated
 * requests, 5xx and 429, expired URLs, slow transfers (virtual minutes), a crash in the middle of
 * a download's body, and the retention clean-up between an upload and its commit.
 */
public final class FaultInterceptor implements Interceptor {
    private static final MediaType JSON = MediaType.get("application/json");
    private final Server server;
    private final FaultPlan plan;
    private final MutableClock clock;
    private final Runnable retention;
    private final Runnable revoke;
    private final Supplier<Set<String>> synced;
    private boolean online = true;
    private Set<String> trimListing;

    /**
     * @param clock     advanced by slow transfers; null where time is real (the real backend)
     * @param retention runs the clean-up; null where the backend has none to run
     * @param revoke    revokes this device (an admin's doing); null where it is never revoked
     * @param synced    the paths this device has synced (its index rows): what an incomplete listing leaves out
     */
    public FaultInterceptor(Server server, FaultPlan plan, MutableClock clock, Runnable retention, Runnable revoke,
                            Supplier<Set<String>> synced) {
        this.server = server;
        this.plan = plan;
        this.clock = clock;
        this.retention = retention;
        this.revoke = revoke;
        this.synced = synced;
    }

    public void online(boolean on) {
        this.online = on;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!online) {
            throw new IOException("simulated: the device is offline");
        }
        byte[] body = readBody(request);
        boolean api = request.url().encodedPath().startsWith("/v1/");
        return api ? api(chain, request, body) : blob(chain, request, body);
    }

    private Response api(Chain chain, Request request, byte[] body) throws IOException {
        String what = request.method() + " " + last(request);
        plan.maybeCrash("before " + what, 0.012);
        if (retention != null && what.endsWith("commit") && plan.roll(FaultKind.RETENTION_RACE, 0.06)) {
            retention.run();
        }
        if (plan.roll(FaultKind.HTTP_429, 0.02)) {
            return respond(request, new Server.Reply(429, Map.of("Retry-After", "1"), error("too_many_requests")));
        }
        if (plan.roll(FaultKind.HTTP_5XX, 0.025)) {
            if (plan.random().nextBoolean()) {
                server.exchange(chain, request, body);
            }
            return respond(request, new Server.Reply(503, Map.of(), error("unavailable")));
        }
        if (what.equals("POST plan") && trimListing == null && plan.roll(FaultKind.INCOMPLETE_LISTING, 0.01)) {
            // A server restored from an older backup, or a hostile one: "list everything", then a listing without some files.
            trimListing = synced.get();
            return respond(request, new Server.Reply(410, Map.of(), error("cursor_expired")));
        }
        Server.Reply reply = server.exchange(chain, request, body);
        if (plan.roll(FaultKind.DUPLICATE, 0.02)) {
            reply = server.exchange(chain, request, body);
        }
        if (trimListing != null && what.equals("GET files") && reply.code() == 200) {
            reply = trimmed(reply);
        }
        if (revoke != null && what.equals("POST plan") && reply.code() == 200 && plan.roll(FaultKind.REVOKED, 0.004)) {
            revoke.run();
        }
        if (plan.roll(FaultKind.LOST_RESPONSE, 0.025)) {
            throw new IOException("simulated: connection reset after the server applied " + what);
        }
        plan.maybeCrash("after the server applied " + what, 0.008);
        return respond(request, reply);
    }

    /** The listing page without every other file this device has synced; the last page ends the fault. */
    private Server.Reply trimmed(Server.Reply reply) throws IOException {
        FilesResponse page = ApiJson.mapper().readValue(reply.body(), FilesResponse.class);
        List<EntryDto> kept = new ArrayList<>();
        int synced = 0;
        for (EntryDto entry : page.entries()) {
            if (!trimListing.contains(entry.path()) || synced++ % 2 == 1) {
                kept.add(entry);
            }
        }
        if (page.next() == null) {
            trimListing = null;
        }
        return new Server.Reply(reply.code(), reply.headers(), ApiJson.write(new FilesResponse(kept, page.seq(), page.next())));
    }

    private Response blob(Chain chain, Request request, byte[] body) throws IOException {
        String what = "blob " + request.method();
        plan.maybeCrash("before " + what, 0.006);
        if (plan.roll(FaultKind.SLOW_TRANSFER, 0.04) && clock != null) {
            clock.advance(Duration.ofSeconds(60 + plan.random().nextInt(20 * 60)));
        }
        if (plan.roll(FaultKind.EXPIRED_URL, 0.03)) {
            return respond(request, blobReply(InMemoryBlobStore.expired()));
        }
        if (plan.roll(FaultKind.HTTP_5XX, 0.015)) {
            return respond(request, blobReply(InMemoryBlobStore.error(500, "InternalError", "We encountered an internal error.")));
        }
        if (plan.roll(FaultKind.HTTP_429, 0.01)) {
            return respond(request, blobReply(InMemoryBlobStore.error(503, "SlowDown", "Please reduce your request rate.")));
        }
        Server.Reply reply = server.exchange(chain, request, body);
        if (request.method().equals("PUT")) {
            if (plan.roll(FaultKind.DUPLICATE, 0.015)) {
                reply = server.exchange(chain, request, body);
            }
            if (plan.roll(FaultKind.LOST_RESPONSE, 0.02)) {
                throw new IOException("simulated: connection reset after the upload was stored");
            }
            plan.maybeCrash("after the upload was stored", 0.006);
        } else if (reply.code() == 200 && reply.body().length > 1 && plan.roll(FaultKind.CRASH, 0.012)) {
            return crashingDownload(request, reply);
        }
        return respond(request, reply);
    }

    /** A download whose process dies half-way through the body: a partial temp file stays on disk. */
    private static Response crashingDownload(Request request, Server.Reply reply) {
        int half = reply.body().length / 2;
        Buffer buffer = new Buffer().write(reply.body());
        BufferedSource source = Okio.buffer(new ForwardingSource(buffer) {
            private long delivered;

            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                if (delivered >= half) {
                    throw new SimCrash("in the middle of a download");
                }
                long n = super.read(sink, Math.min(byteCount, half - delivered));
                delivered += Math.max(0, n);
                return n;
            }
        });
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .body(ResponseBody.create(source, null, reply.body().length)).build();
    }

    private static Response respond(Request request, Server.Reply reply) {
        Response.Builder builder = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1)
                .code(reply.code()).message("simulated");
        reply.headers().forEach(builder::header);
        String type = reply.headers().getOrDefault("Content-Type", reply.headers().get("content-type"));
        builder.body(ResponseBody.create(reply.body(), type == null ? JSON : MediaType.parse(type)));
        return builder.build();
    }

    private static Server.Reply blobReply(InMemoryBlobStore.Reply reply) {
        return new Server.Reply(reply.status(), Map.of("Content-Type", reply.contentType()), reply.body());
    }

    private static byte[] error(String code) {
        return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"simulated\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] readBody(Request request) throws IOException {
        if (request.body() == null) {
            return null;
        }
        Buffer buffer = new Buffer();
        request.body().writeTo(buffer);
        return buffer.readByteArray();
    }

    private static String last(Request request) {
        var segments = request.url().pathSegments();
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }
}
