package io.skysync.api;

import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Seq;

/** A device as {@code GET /devices} lists it; {@code behind} is how many changes it has not synced yet. */
public record DeviceDto(String id, String name, String role, String createdAt, String lastSeen, long cursor,
                        long behind, boolean revoked) {

    public static DeviceDto of(DeviceRecord d, Seq head) {
        return new DeviceDto(d.id().value(), d.name(), d.role().wireName(), d.createdAt().toString(),
                d.lastSeen().toString(), d.cursor().value(), Math.max(0, head.value() - d.cursor().value()), d.revoked());
    }
}
