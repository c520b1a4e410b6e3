package io.skysync.infra.aws;

import io.skysync.api.ApiJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small JSON-over-HTTP client for the tests: what the real client does, without its logic. */
final class HttpApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    HttpApi(URI base) {
        this.base = base;
    }

    record Answer(int status, byte[] body) {
        <T> T as(Class<T> type) {
            return ApiJson.read(body, type);
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    Answer post(String path, String bearer, Object json) throws IOException, InterruptedException {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiJson.write(json))));
    }

    Answer postRaw(String path, String bearer, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path, bearer).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer get(String path, String bearer) throws IOException, InterruptedException {
        return send(request(path, bearer).GET());
    }

    static Answer put(String url, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            // The HTTP client sets these itself, from the URL and the body.
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
    }

    static Answer download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
    }
}
