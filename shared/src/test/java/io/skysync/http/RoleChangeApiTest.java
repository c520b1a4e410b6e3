package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.DeviceId;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /devices/{id}/role} and {@code /revoke}: admins only, never the last admin, never a revoked device. */
class RoleChangeApiTest {
    private DevicesFixture api;
    private String admin;
    private String adminId;
    private JsonNode member;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture();
        admin = api.createVault("v1");
        adminId = admin.substring(0, admin.indexOf('.'));
        member = api.pairNew("v1", admin, "m", "member");
    }

    @Test
    void changeRole_byAdmin_storedAndAnswered() {
        JsonNode changed = assertOk(api.post(rolePath(member.get("deviceId").asText()), admin, obj("role", "admin")), 200);

        assertThat(changed.get("role").asText()).isEqualTo("admin");
        assertThat(api.memory.device(new VaultId("v1"), new DeviceId(member.get("deviceId").asText())).orElseThrow().role())
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void changeRole_byMember_403AndNothingWritten() {
        api.store.clear();

        assertError(api.post(rolePath(adminId), member.get("token").asText(), obj("role", "read-only")), ErrorCode.FORBIDDEN);
        assertError(api.post(rolePath(member.get("deviceId").asText()), member.get("token").asText(), obj("role", "admin")),
                ErrorCode.FORBIDDEN);
        assertThat(api.store.writes()).isEmpty();
    }

    @Test
    void changeRole_lastAdminDemoted_409ButAllowedOnceAnotherAdminExists() {
        assertError(api.post(rolePath(adminId), admin, obj("role", "member")), ErrorCode.CONFLICT);

        assertOk(api.post(rolePath(member.get("deviceId").asText()), admin, obj("role", "admin")), 200);
        assertOk(api.post(rolePath(adminId), admin, obj("role", "member")), 200);
    }

    @Test
    void revoke_lastAdminRevokesItself_409UntilAnotherAdminExists() {
        String revokeSelf = "/v1/vaults/v1/devices/" + adminId + "/revoke";

        assertError(api.post(revokeSelf, admin, obj()), ErrorCode.CONFLICT);
        assertThat(api.memory.device(new VaultId("v1"), new DeviceId(adminId)).orElseThrow().revoked()).isFalse();

        assertOk(api.post(rolePath(member.get("deviceId").asText()), admin, obj("role", "admin")), 200);
        assertThat(assertOk(api.post(revokeSelf, admin, obj()), 200).get("revoked").asBoolean()).isTrue();
        assertError(api.post(rolePath(member.get("deviceId").asText()), member.get("token").asText(), obj("role", "member")),
                ErrorCode.CONFLICT);
    }

    @Test
    void revoke_memberRevokesItself_noAdminNeeded() {
        String id = member.get("deviceId").asText();

        assertThat(assertOk(api.post("/v1/vaults/v1/devices/" + id + "/revoke", member.get("token").asText(), obj()), 200)
                .get("revoked").asBoolean()).isTrue();
        assertError(api.get("/v1/vaults/v1/devices", Map.of(), member.get("token").asText()), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void changeRole_revokedUnknownOrBadRole_refused() {
        String id = member.get("deviceId").asText();
        assertOk(api.post("/v1/vaults/v1/devices/" + id + "/revoke", admin, obj()), 200);

        assertError(api.post(rolePath(id), admin, obj("role", "admin")), ErrorCode.CONFLICT);
        assertError(api.post(rolePath("nobody"), admin, obj("role", "member")), ErrorCode.NOT_FOUND);
        assertError(api.post(rolePath(adminId), admin, obj("role", "owner")), ErrorCode.INVALID_REQUEST);
        assertError(api.post(rolePath(adminId), admin, obj()), ErrorCode.INVALID_REQUEST);
        assertError(api.get(rolePath(adminId), Map.of(), admin), ErrorCode.METHOD_NOT_ALLOWED);
    }

    private static String rolePath(String id) {
        return "/v1/vaults/v1/devices/" + id + "/role";
    }
}
