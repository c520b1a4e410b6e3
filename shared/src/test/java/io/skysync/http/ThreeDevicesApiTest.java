package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.error.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's "done when": three devices paired by code sync edits among them; a revoked device's
 * next call is 401 and writes nothing; a device made read-only is refused with 403 and writes nothing.
 */
class ThreeDevicesApiTest {
    private DevicesFixture api;
    private ApiDevice laptop;
    private ApiDevice phone;
    private ApiDevice tablet;
    private String phoneId;
    private String tabletId;

    @BeforeEach
    void pairThree() {
        api = new DevicesFixture();
        laptop = new ApiDevice(api, "home", "laptop", api.createVault("home"));
        JsonNode p = api.pairNew("home", laptop.token, "phone", "member");
        JsonNode t = api.pairNew("home", p.get("token").asText(), "tablet", "member");
        phone = new ApiDevice(api, "home", "phone", p.get("token").asText());
        tablet = new ApiDevice(api, "home", "tablet", t.get("token").asText());
        phoneId = p.get("deviceId").asText();
        tabletId = t.get("deviceId").asText();
    }

    @Test
    void editsOnEachDevice_reachTheOtherTwo() {
        laptop.write("notes/todo.txt", "milk");
        assertOk(laptop.sync(), 200);
        assertOk(phone.sync(), 200);
        phone.write("notes/todo.txt", "milk, eggs");
        phone.write("photos/cat.jpg", "meow");
        assertOk(phone.sync(), 200);
        assertOk(tablet.sync(), 200);
        tablet.delete("photos/cat.jpg");
        tablet.write("readme.md", "hello");
        assertOk(tablet.sync(), 200);

        assertOk(laptop.sync(), 200);
        assertOk(phone.sync(), 200);

        Map<String, String> expected = Map.of("notes/todo.txt", "milk, eggs", "readme.md", "hello");
        assertThat(laptop.folder()).isEqualTo(expected);
        assertThat(phone.folder()).isEqualTo(expected);
        assertThat(tablet.folder()).isEqualTo(expected);
    }

    @Test
    void revokedDevice_nextCallIs401AndNothingItSendsIsWritten() {
        laptop.write("a.txt", "one");
        assertOk(laptop.sync(), 200);
        assertOk(tablet.sync(), 200);
        assertOk(api.post("/v1/vaults/home/devices/" + tabletId + "/revoke", laptop.token, obj()), 200);
        api.store.clear();
        String before = api.memory.dump().get("home");

        tablet.write("a.txt", "evil");
        tablet.write("b.txt", "more evil");
        api.putBlob("home", "evil");
        assertError(tablet.sync(), ErrorCode.UNAUTHORIZED);
        assertError(api.post("/v1/vaults/home/commit", tablet.token, obj("entries", tablet.localChanges())),
                ErrorCode.UNAUTHORIZED);
        assertError(api.post("/v1/vaults/home/pairing-codes", tablet.token, obj("role", "member")), ErrorCode.UNAUTHORIZED);

        assertThat(api.store.writes()).isEmpty();
        assertThat(api.memory.dump().get("home")).isEqualTo(before);
        assertOk(phone.sync(), 200);
        assertThat(phone.folder()).isEqualTo(Map.of("a.txt", "one"));
    }

    @Test
    void deviceMadeReadOnly_itsWritesAre403AndNothingIsWrittenButItStillPulls() {
        JsonNode changed = assertOk(api.post("/v1/vaults/home/devices/" + phoneId + "/role", laptop.token,
                obj("role", "read-only")), 200);
        assertThat(changed.get("role").asText()).isEqualTo("read-only");
        laptop.write("shared.txt", "from laptop");
        assertOk(laptop.sync(), 200);
        api.store.clear();
        String before = api.memory.dump().get("home");

        phone.write("mine.txt", "local only");
        ApiResponse plan = phone.sync();
        ApiResponse commit = api.post("/v1/vaults/home/commit", phone.token, obj("entries", phone.localChanges()));

        assertError(plan, ErrorCode.FORBIDDEN);
        assertError(commit, ErrorCode.FORBIDDEN);
        assertThat(ApiFixture.body(commit).get("error").get("message").asText()).contains("read-only");
        assertThat(api.store.writes()).isEmpty();
        assertThat(api.memory.dump().get("home")).isEqualTo(before);
        assertOk(phone.pull(), 200);
        assertThat(phone.folder()).isEqualTo(Map.of("shared.txt", "from laptop", "mine.txt", "local only"));
        assertOk(tablet.sync(), 200);
        assertThat(tablet.folder()).isEqualTo(Map.of("shared.txt", "from laptop"));
    }

    @Test
    void devicesList_showsRolesCursorsAndHowFarBehind() {
        laptop.write("a", "1");
        laptop.write("b", "2");
        assertOk(laptop.sync(), 200);
        assertOk(laptop.sync(), 200); // records the new cursor
        assertOk(phone.sync(), 200);

        JsonNode list = assertOk(api.get("/v1/vaults/home/devices", Map.of(), tablet.token), 200);

        assertThat(list.get("seq").asLong()).isEqualTo(2);
        assertThat(list.get("devices")).extracting(d -> d.get("name").asText() + ":" + d.get("role").asText()
                + ":" + d.get("cursor").asLong() + ":" + d.get("behind").asLong())
                .containsExactlyInAnyOrder("first:admin:2:0", "phone:member:0:2", "tablet:member:0:2");
    }
}
