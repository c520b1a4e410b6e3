package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /devices/{id}/name}: an admin renames any device, every device itself; names follow
 * the enrolment rules and are unique among the vault's active devices; a revoked device keeps its name.
 */
class RenameDeviceApiTest {
    private static final VaultId VAULT = new VaultId("v1");
    private DevicesFixture api;
    private String admin;
    private String adminId;
    private String member;
    private String memberId;
    private String reader;
    private String readerId;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture();
        admin = api.createVault("v1");
        adminId = admin.substring(0, admin.indexOf('.'));
        JsonNode m = api.pairNew("v1", admin, "phone", "member");
        member = m.get("token").asText();
        memberId = m.get("deviceId").asText();
        JsonNode r = api.pairNew("v1", admin, "kiosk", "read-only");
        reader = r.get("token").asText();
        readerId = r.get("deviceId").asText();
    }

    @Test
    void rename_byAdmin_anyDevice_onlyTheNameChanges() {
        DeviceRecord before = record(memberId);

        JsonNode renamed = assertOk(api.post(namePath(memberId), admin, obj("name", "  work phone ")), 200);

        assertThat(renamed.get("id").asText()).isEqualTo(memberId);
        assertThat(renamed.get("name").asText()).as("stripped, as at enrolment").isEqualTo("work phone");
        assertThat(renamed.get("role").asText()).isEqualTo("member");
        assertThat(record(memberId)).isEqualTo(before.withName("work phone"));
        assertThat(names()).containsExactlyInAnyOrder("first", "work phone", "kiosk");
    }

    @Test
    void rename_itself_memberAndReadOnlyAndAdmin() {
        assertThat(assertOk(api.post(namePath(memberId), member, obj("name", "Jürgen's phone 📱")), 200)
                .get("name").asText()).isEqualTo("Jürgen's phone 📱");
        assertThat(assertOk(api.post(namePath(readerId), reader, obj("name", "hall kiosk")), 200)
                .get("role").asText()).isEqualTo("read-only");
        assertOk(api.post(namePath(adminId), admin, obj("name", "n".repeat(64))), 200);

        assertThat(names()).containsExactlyInAnyOrder("n".repeat(64), "Jürgen's phone 📱", "hall kiosk");
    }

    @Test
    void rename_anotherDeviceByMemberOrReadOnly_403AndNothingWritten() {
        api.store.clear();

        assertError(api.post(namePath(adminId), member, obj("name", "mine")), ErrorCode.FORBIDDEN);
        assertError(api.post(namePath(readerId), member, obj("name", "mine")), ErrorCode.FORBIDDEN);
        assertError(api.post(namePath(memberId), reader, obj("name", "mine")), ErrorCode.FORBIDDEN);

        assertThat(api.store.writes()).isEmpty();
        assertThat(names()).containsExactlyInAnyOrder("first", "phone", "kiosk");
    }

    @Test
    void rename_revokedDevice_409_andARevokedCaller_401() {
        assertOk(api.post("/v1/vaults/v1/devices/" + memberId + "/revoke", admin, obj()), 200);
        api.store.clear();

        assertError(api.post(namePath(memberId), admin, obj("name", "back again")), ErrorCode.CONFLICT);
        assertError(api.post(namePath(memberId), member, obj("name", "back again")), ErrorCode.UNAUTHORIZED);

        assertThat(api.store.writes()).isEmpty();
        assertThat(record(memberId).name()).isEqualTo("phone");
        assertThat(record(memberId).revoked()).isTrue();
    }

    @Test
    void rename_toAnotherActiveDevicesName_409InAnyCase_butARevokedDevicesNameIsFree() {
        assertError(api.post(namePath(memberId), member, obj("name", "kiosk")), ErrorCode.CONFLICT);
        assertError(api.post(namePath(memberId), admin, obj("name", "FIRST")), ErrorCode.CONFLICT);
        assertThat(names()).containsExactlyInAnyOrder("first", "phone", "kiosk");

        assertOk(api.post(namePath(memberId), member, obj("name", "Phone")), 200);
        assertOk(api.post("/v1/vaults/v1/devices/" + readerId + "/revoke", admin, obj()), 200);
        assertOk(api.post(namePath(memberId), member, obj("name", "kiosk")), 200);
        assertThat(names()).containsExactlyInAnyOrder("first", "kiosk", "kiosk");
    }

    @Test
    void rename_toItsOwnName_200WithoutAWrite() {
        api.store.clear();

        assertThat(assertOk(api.post(namePath(memberId), member, obj("name", "phone")), 200).get("name").asText())
                .isEqualTo("phone");

        assertThat(api.store.writes()).isEmpty();
    }

    @Test
    void rename_badNames_400AndNothingWritten() {
        api.store.clear();
        List<String> bodies = List.of("{\"name\":\"" + "n".repeat(65) + "\"}", "{\"name\":\"\"}", "{\"name\":\"   \"}",
                "{}", "{\"name\":null}", "{\"name\":7}", "{\"name\":[\"a\"]}", "{\"name\":\"a\\u0007b\"}",
                "{\"name\":\"a\\nb\"}", "{\"name\":\"a\\u007fb\"}", "{\"name\":\"a\\u0085b\"}", "{\"name\":\"a\\ud800b\"}",
                "{\"name\":\"a\\udc00\"}", "{\"name\":\"\\u202eenohp\"}", "{\"name\":\"a\\u2028b\"}",
                "{\"name\":\"x\",\"role\":\"admin\"}", "{\"name\":\"x\",\"revoked\":false}",
                "null", "[]", "\"x\"");

        for (String body : bodies) {
            ApiResponse response = raw("POST", namePath(memberId), admin, "application/json", body);
            assertThat(response.status()).as(body).isEqualTo(400);
        }

        assertThat(api.store.writes()).isEmpty();
        assertThat(record(memberId).name()).isEqualTo("phone");
    }

    @Test
    void rename_wrongRouteMethodOrMediaType_refused() {
        assertError(api.post(namePath("nobody"), admin, obj("name", "x")), ErrorCode.NOT_FOUND);
        assertError(api.post(namePath("..%2Fadmin"), admin, obj("name", "x")), ErrorCode.INVALID_DEVICE);
        assertError(api.post("/v1/vaults/v1/devices//name", admin, obj("name", "x")), ErrorCode.INVALID_DEVICE);
        assertError(api.post("/v1/vaults/v1/devices/name", admin, obj("name", "x")), ErrorCode.NOT_FOUND);
        assertError(api.post(namePath(memberId) + "/x", admin, obj("name", "x")), ErrorCode.NOT_FOUND);
        assertError(api.get(namePath(memberId), Map.of(), admin), ErrorCode.METHOD_NOT_ALLOWED);
        assertError(raw("POST", namePath(memberId), admin, "text/plain", "{\"name\":\"x\"}"), ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertError(raw("POST", namePath(memberId), null, "application/json", "{\"name\":\"x\"}"), ErrorCode.UNAUTHORIZED);
        assertThat(record(memberId).name()).isEqualTo("phone");
    }

    private ApiResponse raw(String method, String path, String token, String contentType, String body) {
        Map<String, String> headers = token == null ? Map.of("Content-Type", contentType)
                : Map.of("Content-Type", contentType, "Authorization", "Bearer " + token);
        return api.router.handle(new ApiRequest(method, path, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private DeviceRecord record(String id) {
        return api.memory.device(VAULT, new DeviceId(id)).orElseThrow();
    }

    /** The vault's device names as {@code GET /devices} lists them. */
    private List<String> names() {
        JsonNode list = assertOk(api.get("/v1/vaults/v1/devices", Map.of(), admin), 200);
        return list.get("devices").findValuesAsText("name");
    }

    private static String namePath(String id) {
        return "/v1/vaults/v1/devices/" + id + "/name";
    }
}
