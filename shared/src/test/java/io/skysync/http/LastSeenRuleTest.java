package io.skysync.http;

import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.DeviceId;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last-seen rule (docs/devices.md): a plan records the device's last-seen time and cursor only
 * when the cursor moved or the stored time is more than a minute old, so a device polling an idle
 * vault costs no write.
 */
class LastSeenRuleTest {
    private final DevicesFixture api = new DevicesFixture();
    private String admin;
    private DeviceId adminId;

    @BeforeEach
    void setUp() {
        admin = api.createVault("v1");
        adminId = new DeviceId(admin.substring(0, admin.indexOf('.')));
        api.store.clear();
    }

    @Test
    void plan_sameCursorWithinAMinute_writesNothing() {
        plan(0);
        api.clock.advance(Duration.ofSeconds(59));
        plan(0);

        assertThat(api.store.writes()).isEmpty();
    }

    @Test
    void plan_lastSeenOlderThanAMinute_recordsOnlyTheTime() {
        api.clock.advance(Duration.ofSeconds(61));
        plan(0);

        assertThat(api.store.writes()).hasSize(1).allMatch(w -> w.startsWith("recordSeen"));
        assertThat(api.memory.device(new VaultId("v1"), adminId).orElseThrow().lastSeen())
                .isEqualTo(DevicesFixture.T0.plusSeconds(61));
    }

    @Test
    void plan_cursorMoved_recordsItAtOnce() {
        assertOk(api.post("/v1/vaults/v1/commit", admin, obj("entries", List.of(
                obj("path", "a.txt", "baseVersion", 0, "hash", api.putBlob("v1", "a").hex(), "size", 1, "mtime", 1)))), 200);
        api.store.clear();

        plan(1);

        assertThat(api.store.writes()).hasSize(1).allMatch(w -> w.startsWith("recordSeen"));
        assertThat(api.memory.device(new VaultId("v1"), adminId).orElseThrow().cursor()).isEqualTo(Seq.of(1));
    }

    private void plan(long cursor) {
        assertOk(api.post("/v1/vaults/v1/plan", admin, obj("cursor", cursor)), 200);
    }
}
