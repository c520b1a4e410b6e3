package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.DeviceDto;
import io.skysync.client.config.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code devices revoke NAME} and {@code devices role NAME ROLE} find their device by name or id. */
class DeviceLookupTest {
    private static DeviceDto device(String id, String name, boolean revoked) {
        return new DeviceDto(id, name, "member", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 0, 0, revoked);
    }

    private static final List<DeviceDto> DEVICES = List.of(device("a1", "laptop", false), device("b2", "phone", true),
            device("c3", "phone", false), device("d4", "tablet", false), device("e5", "tablet", false),
            device("f6", "old", true));

    @Test
    void find_byName_prefersTheLiveDeviceOverARevokedNamesake() {
        assertThat(DevicesCommand.find(DEVICES, "phone").id()).isEqualTo("c3");
    }

    @Test
    void find_byId_findsEvenARevokedDevice() {
        assertThat(DevicesCommand.find(DEVICES, "b2").name()).isEqualTo("phone");
    }

    @Test
    void find_onlyRevokedNamesakes_returnsTheRevokedOne() {
        assertThat(DevicesCommand.find(DEVICES, "old").revoked()).isTrue();
    }

    @Test
    void find_twoLiveDevicesWithTheName_asksForAnId() {
        assertThatThrownBy(() -> DevicesCommand.find(DEVICES, "tablet")).isInstanceOf(UserError.class)
                .hasMessageContaining("d4").hasMessageContaining("e5");
    }

    /**
     * A member may rename itself to another device's id (16 hex digits are a valid name): the admin
     * who types the name it sees in {@code devices} to revoke it must not revoke the device whose id
     * that is.
     */
    @Test
    void find_aNameThatIsAnotherDevicesId_isAmbiguous_andNamesBoth() {
        List<DeviceDto> devices = List.of(device("3f2a9c0d1e2b4a5f", "desk", false),
                device("77aa00bb11cc22dd", "3f2a9c0d1e2b4a5f", false));

        assertThatThrownBy(() -> DevicesCommand.find(devices, "3f2a9c0d1e2b4a5f")).isInstanceOf(UserError.class)
                .hasMessageContaining("77aa00bb11cc22dd").hasMessageContaining("desk");
        assertThat(DevicesCommand.find(devices, "77aa00bb11cc22dd").name()).isEqualTo("3f2a9c0d1e2b4a5f");
    }

    @Test
    void find_unknownName_saysWhereToLook() {
        assertThatThrownBy(() -> DevicesCommand.find(DEVICES, "toaster")).isInstanceOf(UserError.class)
                .hasMessageContaining("skysync devices");
    }
}
