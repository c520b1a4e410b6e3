package io.skysync.client.remote;

import io.skysync.api.ChangesResponse;
import io.skysync.client.watch.HeadProbe;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@link HeadProbe} as {@code GET /v1/vaults/{vault}/changes?since=&limit=1&wait=}: one entry is
 * enough to know the head moved. No retries of its own (the watcher paces its asks), and an ask in
 * progress can be cancelled, so a watcher stops without waiting out a long wait. Errors are
 * mapped as {@link ApiClient} maps them.
 */
public final class HttpHeadProbe implements HeadProbe {
    /** Beyond the longest wait (60 s), room for the answer to travel. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);

    private final OkHttpClient http;
    private final HttpUrl changes;
    private final String authorization;
    private Call current;
    private boolean closed;

    /** @param http the process's shared client; this one shares its connections with a longer read time-out */
    public HttpHeadProbe(OkHttpClient http, URI endpoint, String token, VaultId vault) {
        this.http = http.newBuilder().readTimeout(READ_TIMEOUT).callTimeout(READ_TIMEOUT.plusSeconds(10)).build();
        this.changes = HttpUrl.get(endpoint.toString()).newBuilder().addPathSegments("v1/vaults")
                .addPathSegment(vault.value()).addPathSegment("changes").build();
        this.authorization = "Bearer " + token;
    }

    @Override
    public Probe probe(long since, Duration wait) {
        HttpUrl url = changes.newBuilder().addQueryParameter("since", Long.toString(since))
                .addQueryParameter("limit", "1").addQueryParameter("wait", Long.toString(wait.toSeconds())).build();
        Call call = start(new Request.Builder().url(url).header("Authorization", authorization).get().build());
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? new byte[0] : ApiClient.read(body, "GET /changes");
            if (!response.isSuccessful()) {
                throw ApiAnswers.error(response.code(), bytes, "GET /changes");
            }
            ChangesResponse answer = ApiAnswers.value(bytes, ChangesResponse.class, "GET /changes");
            Integer granted = answer.waitSeconds();
            return new Probe(Math.max(since, answer.cursor()), Duration.ofSeconds(granted == null ? 0 : Math.max(0, granted)));
        } catch (IOException e) {
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "cannot reach " + changes.scheme() + "://" + changes.host() + ":"
                    + changes.port() + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.cancel();
        }
    }

    private synchronized Call start(Request request) {
        Call call = http.newCall(request);
        current = call;
        if (closed) {
            call.cancel();
        }
        return call;
    }
}
