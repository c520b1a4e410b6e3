package io.skysync.client.remote;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.api.ApiJson;
import io.skysync.api.ErrorBody;
import io.skysync.client.transfer.Backoff;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * JSON calls to the skysync API over one shared {@link OkHttpClient}. Retries I/O errors, 429 and
 * 5xx with backoff (every endpoint is safe to retry: commits are idempotent by design); turns an
 * error body into a {@link SkysyncException} with the server's code and message.
 */
public final class ApiClient {
    private static final MediaType JSON = MediaType.get("application/json");
    /** Reading is lenient about fields a newer server adds; writing uses the API's own mapper. */
    private static final ObjectMapper READER = ApiJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String authorization;
    private final Backoff backoff;

    public ApiClient(OkHttpClient http, URI endpoint, String bearer, Backoff backoff) {
        this.http = http;
        HttpUrl parsed = HttpUrl.get(endpoint.toString());
        this.base = parsed;
        this.authorization = bearer == null ? null : "Bearer " + bearer;
        this.backoff = backoff;
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
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        Request request = builder.build();
        IOException lastIo = null;
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            try (Response response = http.newCall(request).execute()) {
                ResponseBody body = response.body();
                byte[] bytes = body == null ? new byte[0] : body.bytes();
                if (response.isSuccessful()) {
                    return READER.readValue(bytes, type);
                }
                SkysyncException error = error(response.code(), bytes);
                if (!retryable(response.code()) || attempt >= backoff.maxAttempts()) {
                    throw error;
                }
                retryAfter = retryAfter(response.header("Retry-After"));
            } catch (IOException e) {
                lastIo = e;
                if (attempt >= backoff.maxAttempts()) {
                    throw new SkysyncException(ErrorCode.UNAVAILABLE, "cannot reach " + base.scheme() + "://"
                            + base.host() + ":" + base.port() + " (" + e.getMessage()
                            + "); check the endpoint in .skysync/config.toml and your network", lastIo);
                }
            }
            try {
                backoff.pause(attempt, retryAfter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SkysyncException(ErrorCode.UNAVAILABLE, "interrupted", e);
            }
        }
    }

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    static SkysyncException error(int status, byte[] bytes) {
        try {
            ErrorBody body = READER.readValue(bytes, ErrorBody.class);
            if (body != null && body.error() != null && body.error().code() != null) {
                ErrorCode code = ErrorCode.fromWireName(body.error().code());
                if (code == ErrorCode.INTERNAL && status != 500) {
                    code = byStatus(status);
                }
                return new SkysyncException(code, body.error().message() == null ? "HTTP " + status : body.error().message());
            }
        } catch (IOException | RuntimeException ignored) {
            // Not our JSON error shape (a proxy's HTML page, say): fall back to the status.
        }
        return new SkysyncException(byStatus(status), "the server answered HTTP " + status);
    }

    private static ErrorCode byStatus(int status) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.status() == status && code != ErrorCode.INVALID_PATH) {
                return code;
            }
        }
        return status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.INVALID_REQUEST;
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
