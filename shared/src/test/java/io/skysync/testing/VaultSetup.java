package io.skysync.testing;

import io.skysync.api.AddDeviceRequest;
import io.skysync.api.ApiJson;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.DeviceTokenResponse;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.http.ApiRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The one way tests set up a vault: create it with the bootstrap secret, enrol devices, get their
 * tokens, through the real API, either in process ({@link #over(ApiRouter)}) or over HTTP
 * ({@link #overHttp(URI)}, for a loopback backend). Fails loudly if the API refuses.
 */
public final class VaultSetup {
    /** Sends one JSON request and answers the status and body. */
    @FunctionalInterface
    public interface Transport {
        Answer send(String method, String path, String bearer, byte[] json);
    }

    /** An answer: status and body. */
    public record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Transport transport;

    private VaultSetup(Transport transport) {
        this.transport = transport;
    }

    public static VaultSetup over(ApiRouter router) {
        return new VaultSetup((method, path, bearer, json) -> {
            Map<String, String> headers = new HashMap<>();
            headers.put("content-type", "application/json");
            if (bearer != null) {
                headers.put("authorization", "Bearer " + bearer);
            }
            ApiResponse response = router.handle(new ApiRequest(method, path, Map.of(), headers, json));
            return new Answer(response.status(), response.body());
        });
    }

    public static VaultSetup overHttp(URI endpoint) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new VaultSetup((method, path, bearer, json) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(response.statusCode(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }

    /** Creates {@code vault} with its first device, an admin named {@code adminName}; answers its token. */
    public String createVault(String bootstrapSecret, String vault, String adminName) {
        return token(send("/v1/vaults", bootstrapSecret, new CreateVaultRequest(vault, adminName)));
    }

    /** Enrols a device of {@code role} with the bootstrap secret or a device token; answers the new token. */
    public String addDevice(String credential, String vault, String name, String role) {
        return token(send("/v1/vaults/" + vault + "/devices", credential, new AddDeviceRequest(name, role)));
    }

    private Answer send(String path, String bearer, Object body) {
        Answer answer = transport.send("POST", path, bearer, ApiJson.write(body));
        if (answer.status() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + answer.status() + ": " + answer.text());
        }
        return answer;
    }

    private static String token(Answer answer) {
        try {
            return ApiJson.mapper().readValue(answer.body(), DeviceTokenResponse.class).token();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
