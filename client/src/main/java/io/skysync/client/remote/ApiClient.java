package io.skysync.client.remote;

import io.skysync.api.ApiJson;
import io.skysync.client.transfer.Backoff;
import io.skysync.client.transfer.RetryInterceptor;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.net.URI;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * JSON calls to the skysync API over one shared {@link OkHttpClient}, behind the client's one
 * {@link RetryInterceptor} (every endpoint is safe to retry: commits are idempotent by design).
 * An answer is read up to {@link #MAX_ANSWER_BYTES} (the API never sends more than a Lambda
 * response's 6 MiB), then parsed: a value, or a {@link SkysyncException} with the server's code
 * ({@link ApiAnswers}). Only a network failure says "cannot reach".
 */
public final class ApiClient {
    public static final long MAX_ANSWER_BYTES = 8L * 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");

    static final String PROTOCOL_HEADER = "Skysync-Protocol";
    static final String PROTOCOL = "2";
    private final OkHttpClient http;
    private final HttpUrl base;
    private final String authorization;

    public ApiClient(OkHttpClient http, URI endpoint, String bearer, Backoff backoff) {
        this.http = RetryInterceptor.around(http, backoff);
        this.base = HttpUrl.get(endpoint.toString());
        this.authorization = bearer == null ? null : "Bearer " + bearer;
    }

    public HttpUrl.Builder url() {
        return base.newBuilder();
    }

    public <T> T get(HttpUrl url, Class<T> type) {
        return call(new Request.Builder().url(url).get(), type);
    }

    public <T> T post(HttpUrl url, Object body, Class<T> type) {
        return call(new Request.Builder().url(url).post(RequestBody.create(ApiJson.write(body), JSON)), type);
    }

    private <T> T call(Request.Builder builder, Class<T> type) {
        // Folder entries and the executable bit (docs/api.md, "Protocol versions").
        builder.header(PROTOCOL_HEADER, PROTOCOL);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        Request request = builder.build();
        String call = request.method() + " " + route(request.url());
        try (Response response = http.newCall(request).execute()) {
            byte[] body = read(response.body(), call);
            if (response.isSuccessful()) {
                return ApiAnswers.value(body, type, call);
            }
            throw ApiAnswers.error(response.code(), body, call);
        } catch (IOException e) {
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "cannot reach " + base.scheme() + "://" + base.host() + ":"
                    + base.port() + " (" + e.getMessage() + "); check the endpoint in .skysync/config.toml and your network", e);
        }
    }

    static byte[] read(ResponseBody body, String call) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        BufferedSource source = body.source();
        if (!source.request(MAX_ANSWER_BYTES + 1)) {
            return source.readByteArray();
        }
        throw new BadAnswerException("the server's answer to " + call + " is over " + MAX_ANSWER_BYTES / (1024 * 1024)
                + " MiB, more than the API ever sends; refused");
    }

    /** The call as the log may show it: the endpoint's last path segment, never a file's path. */
    private static String route(HttpUrl url) {
        var segments = url.pathSegments();
        if (segments.size() > 3 && segments.get(3).equals("files") && segments.get(segments.size() - 1).equals("history")) {
            return "history";
        }
        return segments.isEmpty() ? "/" : segments.get(segments.size() - 1);
    }
}
