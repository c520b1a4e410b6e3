package io.skysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shape a route can take, cut short, doubled, emptied or stretched, with every method and
 * with or without a token: the router answers a JSON 4xx (or a 2xx), never a 5xx. The routes with
 * a parameter in the URL ({@code devices/{id}/role}, {@code devices/{id}/revoke},
 * {@code devices/{id}/name}, {@code files/{path}/history}) once took substrings without a length check.
 */
class ApiRouteShapesTest {
    private static final String VAULT = "/v1/vaults/v1";
    private static final List<String> SHAPES = List.of(
            "/", "", "/v1", "/v1/", "/v1/vaults", "/v1/vaults/", "/v1/vaults//", "/v1/vaults//plan", "/v1/pair/",
            VAULT, VAULT + "/", VAULT + "//", VAULT + "/plan/", VAULT + "/plan/x",
            VAULT + "/files/history", VAULT + "/files//history", VAULT + "/files/history/", VAULT + "/files/a/history",
            VAULT + "/files/a/history/", VAULT + "/files/a//history", VAULT + "/files/", VAULT + "/files//",
            VAULT + "/files/history/history", VAULT + "/files/%2F/history", VAULT + "/files/%/history",
            VAULT + "/devices/", VAULT + "/devices//", VAULT + "/devices/role", VAULT + "/devices/revoke",
            VAULT + "/devices//role", VAULT + "/devices//revoke", VAULT + "/devices/role/", VAULT + "/devices/revoke/",
            VAULT + "/devices/x/", VAULT + "/devices/x/y", VAULT + "/devices/x/y/role", VAULT + "/devices/x/revoke/x",
            VAULT + "/devices/%/role", VAULT + "/devices/x%2Fy/revoke", VAULT + "/devicesrole", VAULT + "/devices/x/rolex",
            VAULT + "/devices/name", VAULT + "/devices//name", VAULT + "/devices/name/", VAULT + "/devices/x/name/",
            VAULT + "/devices/x/namex", VAULT + "/devices/x/y/name", VAULT + "/devices/%/name", VAULT + "/devices/x%2Fy/name",
            VAULT + "/blobs", VAULT + "/blobs/", VAULT + "/blobs/verify", VAULT + "/blobs/verify/", VAULT + "/blobs//verify",
            VAULT + "/blobs/x/verify", VAULT + "/pairing-codes/", VAULT + "/download-urls/x", "/v1/vaults/%/plan",
            "/v1/vaults/%ZZ/devices/x/role");
    private static final List<String> METHODS = List.of("GET", "POST", "DELETE");

    private final ApiFixture api = new ApiFixture(ApiFixture.SECRET);
    private final String admin = api.createVault("v1");

    static Stream<Arguments> shapesAndMethods() {
        List<Arguments> out = new ArrayList<>();
        for (String shape : SHAPES) {
            for (String method : METHODS) {
                out.add(Arguments.of(method, shape));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndMethods")
    void anyShape_withOrWithoutToken_answersJsonAndNever5xx(String method, String path) {
        for (String token : new String[] {null, admin}) {
            ApiResponse response = api.send(method, path, token, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8));

            String text = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(response.status()).as("%s %s: %s", method, path, text).isBetween(200, 499);
            if (response.status() >= 400) {
                JsonNode error = ApiFixture.body(response).get("error");
                assertThat(ErrorCode.fromWireName(error.get("code").asText()).status()).as(text)
                        .isEqualTo(response.status());
            }
        }
    }

    @Test
    void routesWithoutTheirParameter_areUnknownEndpoints() {
        for (String path : List.of(VAULT + "/files/history", VAULT + "/devices/role", VAULT + "/devices/revoke", VAULT + "/devices/name",
                VAULT + "/devices/x/y/role", VAULT + "/files/", VAULT + "/blobs/x/verify")) {
            ApiFixture.assertError(api.send("POST", path, admin, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8)), ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void routesWithAnEmptyParameter_refuseTheParameter() {
        ApiFixture.assertError(api.get(VAULT + "/files//history", admin), ErrorCode.INVALID_PATH);
        ApiFixture.assertError(api.send("POST", VAULT + "/devices//revoke", admin, null, null), ErrorCode.INVALID_DEVICE);
        ApiFixture.assertError(api.send("POST", VAULT + "/devices//name", admin, "application/json",
                "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)), ErrorCode.INVALID_DEVICE);
    }
}
