package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.Locale;

/** What a device may do in its vault. */
public enum Role {
    /** Reads, writes, pairs devices of any role, revokes devices, changes roles. */
    ADMIN,
    /** Reads, writes, pairs members and read-only devices. */
    MEMBER,
    /** Pulls only: plan and commit writes are refused with 403. */
    READ_ONLY;

    public boolean canWrite() {
        return this != READ_ONLY;
    }

    public boolean canPair(Role newDeviceRole) {
        return this == ADMIN || (this == MEMBER && newDeviceRole != ADMIN);
    }

    public boolean canManageDevices() {
        return this == ADMIN;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role fromWireName(String wire) {
        for (Role role : values()) {
            if (role.wireName().equals(wire)) {
                return role;
            }
        }
        throw new SkysyncException(ErrorCode.INVALID_REQUEST, "unknown role \"" + wire + "\": use admin, member or read-only");
    }
}
